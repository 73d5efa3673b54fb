import type { CommandResult } from '@desk/protocol';
import type { Db } from '@desk/db';
import { AppError } from '../../errors.ts';
import { chainEvent, GENESIS, testimonyStream, type ChainedEvent } from '../../repo/audit.repo.ts';
import { batchPreconditions, commitBatchWrites, type ProcessedAck } from '../../repo/commands.repo.ts';
import type { Tx } from '../../repo/conn.ts';
import { lockTestimonies, updateTestimony, type TestimonyRow } from '../../repo/testimonies.repo.ts';
import { authorize } from '../../policy/policy.ts';
import { withdrawApprovals } from '../approvals.rules.ts';
import type { BatchResult, CommandOutcome, QueuedCommand, Waiting } from './types.ts';

/** Thrown out of an optimistic batch so that it rolls back and is re-run with savepoints. */
export class RetryWithSavepoints extends Error {
  constructor(readonly original: unknown) {
    super('batch needs savepoints');
  }
}

type Stream = { t: TestimonyRow; prevHash: string; approvalsMayExist: boolean; patch: Partial<TestimonyRow> };

/** Command ids are scoped to their caller: two people may pick the same id without colliding. */
export const ackKey = (actorId: string, commandId: string) => `${actorId}:${commandId}`;

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
  return db.transaction(async (tx): Promise<BatchResult[]> => {
    const ids = [...new Set(items.map((i) => i.cmd.testimonyId))].sort();
    const locked = await lockTestimonies(tx, ids);
    const pre = locked.size > 0 ? await batchPreconditions(tx, [...locked.keys()], items.map((i) => ({ actorId: i.caller.id, commandId: i.cmd.commandId }))) : { heads: new Map(), processed: new Map() };
    const seen = pre.processed;
    const streams = new Map<string, Stream>();
    for (const [id, t] of locked) {
      const head = pre.heads.get(id);
      streams.set(id, { t, prevHash: head?.lastHash ?? GENESIS, approvalsMayExist: head?.liveApprovals ?? true, patch: {} });
    }
    const chained: ChainedEvent[] = [];
    const processed: ProcessedAck[] = [];
    const pending: ({ kind: 'applied'; result: CommandResult; from: number; to: number; outcome: CommandOutcome } | Exclude<BatchResult, { kind: 'applied' }>)[] = [];

    for (const it of items) {
      const st = streams.get(it.cmd.testimonyId);
      if (!st) {
        pending.push({ kind: 'failed', error: new AppError('not_found', 'No such testimony') });
        continue;
      }
      const dup = seen.get(ackKey(it.caller.id, it.cmd.commandId));
      if (dup) {
        pending.push(duplicateOf(it, dup));
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
      const ack = { id: it.cmd.commandId, actorId: it.caller.id, name: it.cmd.name, payloadHash: it.cmd.payloadHash, result };
      seen.set(ackKey(ack.actorId, ack.id), ack);
      processed.push(ack);
      st.patch = { ...st.patch, ...outcome.patch };
      st.t = { ...st.t, ...outcome.patch };
      pending.push({ kind: 'applied', result, from, to: chained.length, outcome });
    }

    // The database advances each testimony's seq, version and chain head from these events
    // (trigger of migration 0007), and refuses them unless they continue the chain.
    await commitBatchWrites(tx, { events: chained, acks: processed });
    for (const s of streams.values()) {
      if (Object.keys(s.patch).length > 0) await updateTestimony(tx, s.t.id, s.patch);
    }
    return pending.map((p) => (p.kind === 'applied' ? { kind: 'applied', result: p.result, rows: chained.slice(p.from, p.to), outcome: p.outcome } : p));
  });
}

/**
 * Appends one command's events to its testimony's chain in memory, advancing the stream's
 * seq and version, and returns the command's ack.
 */
function chainOutcome(st: { t: TestimonyRow; prevHash: string }, it: Pick<QueuedCommand, 'caller' | 'cmd'>, outcome: CommandOutcome, into: ChainedEvent[]): CommandResult {
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

/** A retried command gets its first ack; the same id with another payload is refused. */
export function duplicateOf(item: Pick<Waiting, 'cmd'>, seen: Pick<ProcessedAck, 'result' | 'payloadHash'>): Exclude<BatchResult, { kind: 'applied' }> {
  if (seen.payloadHash !== item.cmd.payloadHash) {
    return { kind: 'failed', error: new AppError('conflict', 'This command id was already used for a different command', { reason: 'command_id_reused' }) };
  }
  return { kind: 'duplicate', result: { ...seen.result, duplicate: true } };
}
