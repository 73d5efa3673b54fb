import type { DbConnection } from '@desk/db';
import type { ChainedEvent } from '../repo/audit.repo.ts';
import { commitGuarded, type BatchWrites } from '../repo/commands.repo.ts';
import type { RedactionRow } from '../repo/redactions.repo.ts';
import type { Actors } from '../presenters/user.presenter.ts';
import { authorize } from '../policy/policy.ts';
import { chainOutcome, type BatchResult, type QueuedCommand } from './batch.ts';
import type { StreamHead } from './stream-heads.ts';

/**
 * The common case in one round trip: a batch of one testimony whose commands all have a pure
 * plan (a proposal, say), planned on a known chain head and written by one guarded autocommit
 * statement. The locking path needs five or more round trips under the testimony's lock
 * (BEGIN, lock, preconditions, each command's INSERT, writes, COMMIT), and a busy
 * testimony's next batch queues behind all of them.
 *
 * The guarantees are the locking path's: validated and authorised commands, dense seq and an
 * unbroken hash chain per testimony, events and acks in the same commit, at most once per
 * command id (its primary key fails the statement), and the ack only after COMMIT.
 */
export type FastPlan = { writes: BatchWrites & { redactions: RedactionRow[] }; results: BatchResult[]; from: StreamHead; to: StreamHead };

/**
 * Plans `items` on `from`, synchronously and without IO, or returns null when they need the
 * locking path: a command without a plan, one that fails or is refused (its error is decided
 * under the lock, not on a remembered row), a rule that needs the database (withdrawing a live
 * approval, a patch, a conflict), or a command id repeated within the batch.
 */
export function planFast(items: QueuedCommand[], from: StreamHead, actors: Actors): FastPlan | null {
  if (new Set(items.map((i) => i.cmd.commandId)).size !== items.length) return null;
  const st = { t: from.t, prevHash: from.prevHash };
  let approvalsMayExist = from.approvalsMayExist;
  const writes: FastPlan['writes'] = { events: [], acks: [], redactions: [] };
  const results: BatchResult[] = [];
  for (const it of items) {
    if (!it.plan || it.cmd.testimonyId !== from.t.id) return null;
    let outcome: ReturnType<NonNullable<QueuedCommand['plan']>>;
    try {
      authorize(it.caller, it.cmd.action, st.t);
      outcome = it.plan(st.t, actors);
    } catch {
      return null;
    }
    const bumps = outcome.events.some((e) => e.bumpsVersion);
    if (outcome.patch || outcome.conflicts?.length || (bumps && (approvalsMayExist || st.t.status === 'approved'))) return null;
    if (bumps) approvalsMayExist = false;
    const first = writes.events.length;
    const result = chainOutcome(st, it, outcome, writes.events);
    const rows: ChainedEvent[] = writes.events.slice(first);
    writes.acks.push({ id: it.cmd.commandId, actorId: it.caller.id, name: it.cmd.name, result });
    writes.redactions.push(...outcome.newRedactions);
    results.push({ kind: 'applied', result, rows, outcome });
  }
  return { writes, results, from, to: { t: { ...st.t, headHash: st.prevHash }, prevHash: st.prevHash, approvalsMayExist } };
}

/** Writes a plan if its testimony's chain still ends at `plan.from`; false if it did not (nothing written). */
export function commitFast(conn: DbConnection, plan: FastPlan): Promise<boolean> {
  return commitGuarded(conn, {
    ...plan.writes,
    testimonyId: plan.from.t.id,
    from: { seq: plan.from.t.seq, hash: plan.from.prevHash },
    to: { seq: plan.to.t.seq, version: plan.to.t.version, hash: plan.to.prevHash },
  });
}
