import type { CommandPayload, CommandResult } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { findUser } from '../repo/users.repo.ts';
import { can } from '../policy/policy.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { Caller, Ctx } from './context.ts';

/**
 * Sets who is responsible for a testimony (and optionally its due date). The assignee must
 * be an active account that may review redactions: an admin or a disabled user could never
 * act on the assignment.
 */
export function assignTestimony(ctx: Ctx, caller: Caller, p: CommandPayload<'testimony.assign'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'testimony.assign', action: 'testimony.assign', ...p }, async (tx, t) => {
    if (p.assigneeId) {
      const u = await findUser(tx, p.assigneeId);
      if (!u) throw new AppError('bad_request', 'Unknown assignee');
      if (!can(u, 'redaction.decide')) throw new AppError('bad_request', `${u.name} cannot review redactions and cannot be assigned`);
    }
    const dueDate = p.dueDate === undefined ? t.dueDate : p.dueDate;
    if (p.assigneeId === t.assigneeId && dueDate === t.dueDate) return { events: [] };
    return {
      events: [{ type: 'testimony.updated', payload: { status: t.status, assigneeId: p.assigneeId, dueDate }, bumpsVersion: false }],
      patch: { assigneeId: p.assigneeId, dueDate },
    };
  });
}
