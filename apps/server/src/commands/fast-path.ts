import type { CommandResult } from '@desk/protocol';
import type { Db } from '@desk/db';
import type { ChainedEvent } from '../repo/audit.repo.ts';
import { commitGuarded, type BatchWrites } from '../repo/commands.repo.ts';
import type { RedactionRow } from '../repo/redactions.repo.ts';
import { loadActors, type Actors } from '../presenters/user.presenter.ts';
import { authorize } from '../policy/policy.ts';
import { chainOutcome, type BatchResult, type QueuedCommand } from './batch.ts';
import type { CommandOutcome } from './pipeline.ts';
import { forgetHead, headOf, rememberHead } from './stream-heads.ts';

/**
 * The common case in one round trip: a batch of one testimony whose commands all have a pure
 * plan (a proposal, say), applied to the head this process last committed, and written by
 * one guarded autocommit statement. The transactional path needs five or more round trips
 * under the testimony's lock (BEGIN, lock, preconditions, each command's INSERT, writes,
 * COMMIT), and a busy testimony's next batch queues behind all of them.
 *
 * Returns null whenever the batch needs that path instead, having written nothing: no head
 * yet, a command without a plan, a command that fails or is refused (its error is decided
 * under the lock, not on a cached row), a rule that needs the database (withdrawing a live
 * approval, a patch, a conflict), a repeated command id, or someone else wrote first. The
 * guarantees are the transactional path's: validated and authorised commands, dense seq and
 * an unbroken hash chain per testimony, events and acks in the same commit, at most once per
 * command id (its primary key fails the statement), and the ack only after COMMIT.
 */
export async function applyFast(db: Db, items: QueuedCommand[]): Promise<{ results: BatchResult[]; actors: Actors } | null> {
  const testimonyId = items[0]?.cmd.testimonyId;
  const head = testimonyId ? headOf(db, testimonyId) : undefined;
  if (!testimonyId || !head) return null;
  if (items.some((i) => !i.plan || i.cmd.testimonyId !== testimonyId)) return null;
  if (new Set(items.map((i) => i.cmd.commandId)).size !== items.length) return null;

  const actors = await loadActors(db, items.map((i) => i.caller.id));
  const st = { t: head.t, prevHash: head.prevHash };
  let approvalsMayExist = head.approvalsMayExist;
  const writes: BatchWrites & { redactions: RedactionRow[] } = { events: [], acks: [], redactions: [] };
  const applied: { result: CommandResult; from: number; to: number; outcome: CommandOutcome }[] = [];

  for (const it of items) {
    let outcome: CommandOutcome & { newRedactions: RedactionRow[] };
    try {
      authorize(it.caller, it.cmd.action, st.t);
      outcome = it.plan!(st.t, actors);
    } catch {
      return null;
    }
    const bumps = outcome.events.some((e) => e.bumpsVersion);
    if (outcome.patch || outcome.conflicts?.length || (bumps && (approvalsMayExist || st.t.status === 'approved'))) return null;
    if (bumps) approvalsMayExist = false;
    const from = writes.events.length;
    const result = chainOutcome(st, it, outcome, writes.events);
    writes.acks.push({ id: it.cmd.commandId, actorId: it.caller.id, name: it.cmd.name, result });
    writes.redactions.push(...outcome.newRedactions);
    applied.push({ result, from, to: writes.events.length, outcome });
  }

  const xmin = await commitGuarded(db, { ...writes, testimonyId, xmin: head.xmin, seq: st.t.seq, version: st.t.version });
  if (!xmin) {
    forgetHead(db, testimonyId);
    return null;
  }
  rememberHead(db, { t: st.t, xmin, prevHash: st.prevHash, approvalsMayExist });
  const rows = (a: (typeof applied)[number]): ChainedEvent[] => writes.events.slice(a.from, a.to);
  return { results: applied.map((a) => ({ kind: 'applied', result: a.result, rows: rows(a), outcome: a.outcome })), actors };
}
