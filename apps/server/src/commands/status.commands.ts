import { STATUS_TRANSITIONS, type CommandPayload, type CommandResult } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { liveApprovals } from '../repo/approvals.repo.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { PendingEvent } from './engine/types.ts';
import { withdrawApprovals } from './approvals.rules.ts';
import type { Caller, Ctx } from './context.ts';

/**
 * The pipeline's manual moves (the table lives in the protocol so UIs offer the same ones).
 * Sending an approved text back for changes withdraws its approvals.
 */
export const TRANSITIONS = STATUS_TRANSITIONS;

export function setStatus(ctx: Ctx, caller: Caller, p: CommandPayload<'testimony.setStatus'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'testimony.setStatus', action: 'testimony.setStatus', ...p }, async (tx, t) => {
    if (t.version !== p.version) {
      throw new AppError('stale', `You saw version ${p.version}; the testimony is now at version ${t.version}`, { version: t.version });
    }
    if (t.status === p.status) return { events: [] };
    if (p.status === 'approved') {
      throw new AppError('conflict', 'A testimony becomes approved only through the editorial approval and the safety sign-off');
    }
    if (!TRANSITIONS[t.status].includes(p.status)) {
      throw new AppError('conflict', `Cannot move from ${t.status} to ${p.status}`, { allowed: TRANSITIONS[t.status] });
    }
    const events: PendingEvent[] = [];
    if (p.status === 'published') {
      // Belt and braces: approved implies both sign-offs on this version, but publishing is the
      // one step that cannot be taken back, so it is checked again here.
      const live = await liveApprovals(tx, t.id);
      const ok = (['editorial', 'safety'] as const).every((k) => live.some((a) => a.kind === k && a.version === t.version));
      if (!ok) throw new AppError('conflict', 'Both approvals on the current version are required to publish');
    }
    if (t.status === 'approved' && p.status === 'changes_requested') {
      const fallout = await withdrawApprovals(tx, { ...t, status: p.status }, `Changes requested by ${caller.name} after approval`);
      events.push(...fallout.events);
    }
    events.unshift({
      type: 'testimony.updated',
      payload: { status: p.status, previousStatus: t.status, assigneeId: t.assigneeId, dueDate: t.dueDate },
      bumpsVersion: false,
    });
    return { events, patch: { status: p.status, statusChangedAt: new Date() } };
  });
}
