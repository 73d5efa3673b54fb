import type { CommandResult, ConflictNotice, EventPayload, EventType } from '@desk/protocol';
import type { Tx } from '../repo/conn.ts';
import type { TestimonyRow } from '../repo/testimonies.repo.ts';
import { insertRedactions } from '../repo/redactions.repo.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import type { Action } from '../policy/policy.ts';
import type { Caller, Ctx } from './context.ts';
import type { CommandPlan } from './batch.ts';
import { enqueue } from './scheduler.ts';

export type PendingEvent = {
  [T in EventType]: { type: T; payload: EventPayload<T>; bumpsVersion: boolean };
}[EventType];

export type CommandOutcome = {
  events: PendingEvent[];
  /** Notices for people whose concurrent decision was replaced; sent after commit. */
  conflicts?: { userId: string; notice: Omit<ConflictNotice, 'theirs'> & { theirs: Omit<ConflictNotice['theirs'], 'seq'> } }[];
  /** Extra testimony columns to set (status, assignee...). */
  patch?: Partial<TestimonyRow>;
};

/**
 * Applies one command to one testimony: in a single transaction it checks the command id
 * (idempotency), locks the testimony row (so sequence numbers are dense and ordered), runs
 * the business rule, appends the audit events and records the ack. Only after COMMIT are the
 * events broadcast and the command acknowledged, so nothing is announced that could still
 * roll back. Under load several commands share that transaction (see `applyBatch`), and a
 * command given as a pure `plan` may instead take the one-statement fast path (see
 * `scheduler.ts`), with the same guarantees.
 */
export function runTestimonyCommand(
  ctx: Ctx,
  caller: Caller,
  cmd: { name: string; commandId: string; testimonyId: string; action: Action },
  rule: ((tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>) | { plan: CommandPlan },
): Promise<CommandResult> {
  const item = typeof rule === 'function' ? { ctx, caller, cmd, apply: rule } : { ctx, caller, cmd, plan: rule.plan, apply: applyPlan(caller, rule.plan) };
  return new Promise((resolve, reject) => enqueue({ ...item, resolve, reject }));
}

/** A planned command on the transactional path: the same rule, its rows inserted at once. */
function applyPlan(caller: Caller, plan: CommandPlan): (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome> {
  return async (tx, t) => {
    const o = plan(t, await loadActors(tx, [caller.id]));
    await insertRedactions(tx, o.newRedactions);
    return o;
  };
}
