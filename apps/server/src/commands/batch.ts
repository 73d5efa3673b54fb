import type { CommandResult } from '@desk/protocol';
import type { Db } from '@desk/db';
import { AppError } from '../errors.ts';
import { chainEvent, GENESIS, testimonyStream, type ChainedEvent } from '../repo/audit.repo.ts';
import { batchPreconditions, commitBatchWrites } from '../repo/commands.repo.ts';
import type { RedactionRow } from '../repo/redactions.repo.ts';
import type { Actors } from '../presenters/user.presenter.ts';
import { forgetHead, rememberHead, type StreamHead } from './stream-heads.ts';
import type { Tx } from '../repo/conn.ts';
import { lockTestimonies, updateTestimony, type TestimonyRow } from '../repo/testimonies.repo.ts';
import { authorize, type Action } from '../policy/policy.ts';
import { withdrawApprovals } from './approvals.rules.ts';
import type { Caller } from './context.ts';
import type { CommandOutcome } from './pipeline.ts';

export type QueuedCommand = {
  caller: Caller;
  cmd: { name: string; commandId: string; testimonyId: string; action: Action };
  apply: (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>;
  /** Set by commands that need nothing from the database: they may take the fast path. */
  plan?: CommandPlan;
};

/**
 * A command's rule as a pure function of the testimony: its outcome and the new redaction
 * rows to store, built in memory. Such a command can be committed in one guarded statement.
 */
export type CommandPlan = (t: TestimonyRow, actors: Actors) => CommandOutcome & { newRedactions: RedactionRow[] };

/** Thrown out of an optimistic batch so that it rolls back and is re-run with savepoints. */
export class RetryWithSavepoints extends Error {
  constructor(readonly original: unknown) {
    super('batch needs savepoints');
  }
}

export type BatchResult =
  | { kind: 'applied'; result: CommandResult; rows: ChainedEvent[]; outcome: CommandOutcome }
  | { kind: 'duplicate'; result: CommandResult }
  | { kind: 'failed'; error: unknown };

type Stream = { t: TestimonyRow; prevHash: string; approvalsMayExist: boolean; patch: Partial<TestimonyRow>; advanced: boolean };

/**
 * Applies queued commands in one transaction (group commit): one lock statement for their
 * testimonies, one statement writing all their audit events and acks, one COMMIT — one disk flush and a fixed
 * number of round trips for many edits, where a transaction per command would pay both for
 * every edit. Each command stays atomic: a failure rolls the batch back and it is re-run with
 * a savepoint per command, so the failed one is answered with its own error and the others
 * commit. Per testimony, sequence numbers stay dense and in queue order, and each command sees
 * the testimony as the previous ones left it.
 */
export async function applyBatch(db: Db, items: QueuedCommand[], mode: 'optimistic' | 'savepoints'): Promise<BatchResult[]> {
  const heads: StreamHead[] = [];
  const results = await db.transaction(async (tx): Promise<BatchResult[]> => {
    const ids = [...new Set(items.map((i) => i.cmd.testimonyId))].sort();
    const locked = await lockTestimonies(tx, ids);
    const pre = locked.size > 0 ? await batchPreconditions(tx, [...locked.keys()], items.map((i) => i.cmd.commandId)) : { heads: new Map(), processed: new Map() };
    const seen = pre.processed;
    const streams = new Map<string, Stream>();
    for (const [id, t] of locked) {
      const head = pre.heads.get(id);
      streams.set(id, { t, prevHash: head?.lastHash ?? GENESIS, approvalsMayExist: head?.liveApprovals ?? true, patch: {}, advanced: false });
    }
    const chained: ChainedEvent[] = [];
    const processed: { id: string; actorId: string; name: string; result: CommandResult }[] = [];
    const pending: ({ kind: 'applied'; result: CommandResult; from: number; to: number; outcome: CommandOutcome } | Exclude<BatchResult, { kind: 'applied' }>)[] = [];

    for (const it of items) {
      const st = streams.get(it.cmd.testimonyId);
      if (!st) {
        pending.push({ kind: 'failed', error: new AppError('not_found', 'No such testimony') });
        continue;
      }
      const dup = seen.get(it.cmd.commandId);
      if (dup) {
        pending.push({ kind: 'duplicate', result: { ...dup, duplicate: true } });
        continue;
      }
      let outcome: CommandOutcome;
      try {
        authorize(it.caller, it.cmd.action, st.t);
        const current = st.t;
        const run = async (conn: Tx) => {
          const o = await it.apply(conn, current);
          if (o.events.some((e) => e.bumpsVersion) && (st.approvalsMayExist || current.status === 'approved')) {
            const fallout = await withdrawApprovals(conn, { ...current, ...o.patch }, `Redactions changed by ${it.caller.name} (${it.cmd.name})`);
            o.events.push(...fallout.events);
            if (fallout.patch) o.patch = { ...o.patch, ...fallout.patch };
          }
          return o;
        };
        // Savepoints cost two round trips per command, and commands rarely fail, so a batch is
        // first tried without them: any failure aborts it and it is re-run with savepoints.
        // A lone command needs none: its failure rolls back the whole transaction.
        outcome = mode === 'savepoints' && items.length > 1 ? await tx.transaction(run) : await run(tx);
      } catch (err) {
        if (mode === 'optimistic' && items.length > 1) throw new RetryWithSavepoints(err);
        if (items.length === 1) throw err;
        pending.push({ kind: 'failed', error: err });
        continue;
      }
      // After a withdrawal no approval is live until a command that leaves the redaction set
      // alone (such as an approval) has run.
      st.approvalsMayExist = !outcome.events.some((e) => e.bumpsVersion);

      const from = chained.length;
      const result = chainOutcome(st, it, outcome, chained);
      seen.set(it.cmd.commandId, result);
      processed.push({ id: it.cmd.commandId, actorId: it.caller.id, name: it.cmd.name, result });
      st.patch = { ...st.patch, ...outcome.patch };
      st.t = { ...st.t, ...outcome.patch };
      st.advanced = true;
      pending.push({ kind: 'applied', result, from, to: chained.length, outcome });
    }

    const advanced = [...streams.values()].filter((s) => s.advanced);
    await commitBatchWrites(tx, { events: chained, advance: advanced.map((s) => ({ id: s.t.id, seq: s.t.seq, version: s.t.version, headHash: s.prevHash })), acks: processed });
    for (const s of advanced) {
      if (Object.keys(s.patch).length > 0) await updateTestimony(tx, s.t.id, s.patch);
      heads.push({ t: s.t, prevHash: s.prevHash, approvalsMayExist: s.approvalsMayExist });
    }
    return pending.map((p) => (p.kind === 'applied' ? { kind: 'applied', result: p.result, rows: chained.slice(p.from, p.to), outcome: p.outcome } : p));
  });
  for (const id of new Set(items.map((i) => i.cmd.testimonyId))) forgetHead(db, id);
  for (const h of heads) rememberHead(db, h);
  return results;
}

/**
 * Appends one command's events to its testimony's chain in memory, advancing the stream's
 * seq and version, and returns the command's ack.
 */
export function chainOutcome(st: { t: TestimonyRow; prevHash: string }, it: Pick<QueuedCommand, 'caller' | 'cmd'>, outcome: CommandOutcome, into: ChainedEvent[]): CommandResult {
  let { version, seq } = st.t;
  for (const ev of outcome.events) {
    if (ev.bumpsVersion) version += 1;
    seq += 1;
    const link = chainEvent(st.prevHash, {
      stream: testimonyStream(st.t.id),
      seq,
      testimonyId: st.t.id,
      actorId: it.caller.id,
      type: ev.type,
      payload: ev.payload,
      version,
      commandId: it.cmd.commandId,
    });
    st.prevHash = link.hash;
    into.push(link);
  }
  st.t = { ...st.t, seq, version };
  return { seq, version, duplicate: false };
}
