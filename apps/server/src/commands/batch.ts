import type { CommandResult } from '@desk/protocol';
import type { Db } from '@desk/db';
import { AppError } from '../errors.ts';
import { chainEvent, GENESIS, insertEvents, testimonyStream, type AuditRow, type ChainedEvent } from '../repo/audit.repo.ts';
import { batchPreconditions, insertProcessed } from '../repo/commands.repo.ts';
import type { Tx } from '../repo/conn.ts';
import { lockTestimony, updateTestimony, type TestimonyRow } from '../repo/testimonies.repo.ts';
import { authorize, type Action } from '../policy/policy.ts';
import { withdrawApprovals } from './approvals.rules.ts';
import type { Caller } from './context.ts';
import type { CommandOutcome } from './pipeline.ts';

export type QueuedCommand = {
  caller: Caller;
  cmd: { name: string; commandId: string; testimonyId: string; action: Action };
  apply: (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>;
};

/** Thrown out of an optimistic batch so that it rolls back and is re-run with savepoints. */
export class RetryWithSavepoints extends Error {
  constructor(readonly original: unknown) {
    super('batch needs savepoints');
  }
}

export type BatchResult =
  | { kind: 'applied'; result: CommandResult; rows: AuditRow[]; outcome: CommandOutcome }
  | { kind: 'duplicate'; result: CommandResult }
  | { kind: 'failed'; error: unknown };

/**
 * Applies queued commands for ONE testimony in one transaction (group commit): one row lock,
 * one INSERT of all their audit events, one COMMIT — so one disk flush for many edits, where
 * a transaction per command would cap a busy testimony at one flush per edit. Each command
 * stays atomic: it runs in its own savepoint, and one that fails is rolled back alone and
 * answered with its own error while the others commit. Sequence numbers stay dense and in
 * queue order; each command sees the testimony as the previous ones left it.
 */
export async function applyBatch(db: Db, testimonyId: string, items: QueuedCommand[], mode: 'optimistic' | 'savepoints'): Promise<BatchResult[]> {
  return db.transaction(async (tx) => {
    const locked = await lockTestimony(tx, testimonyId);
    if (!locked) return items.map(() => ({ kind: 'failed' as const, error: new AppError('not_found', 'No such testimony') }));
    const pre = await batchPreconditions(tx, testimonyId, items.map((i) => i.cmd.commandId));
    const seen = pre.processed;
    let prevHash = pre.lastHash ?? GENESIS;
    let t: TestimonyRow = locked;
    let patch: Partial<TestimonyRow> = {};
    // Whether live approvals may exist: after a withdrawal there are none until a command
    // that does not change the redaction set (such as an approval) runs.
    let approvalsMayExist = pre.liveApprovals;
    const chained: ChainedEvent[] = [];
    const processed: { id: string; actorId: string; name: string; result: CommandResult }[] = [];
    const pending: ({ kind: 'applied'; result: CommandResult; from: number; to: number; outcome: CommandOutcome } | Exclude<BatchResult, { kind: 'applied' }>)[] = [];

    for (const it of items) {
      const dup = seen.get(it.cmd.commandId);
      if (dup) {
        pending.push({ kind: 'duplicate', result: { ...dup, duplicate: true } });
        continue;
      }
      let outcome: CommandOutcome;
      try {
        authorize(it.caller, it.cmd.action, t);
        const current = t;
        const run = async (conn: Tx) => {
          const o = await it.apply(conn, current);
          if (o.events.some((e) => e.bumpsVersion)) {
            if (approvalsMayExist || current.status === 'approved') {
              const fallout = await withdrawApprovals(conn, { ...current, ...o.patch }, `Redactions changed by ${it.caller.name} (${it.cmd.name})`);
              o.events.push(...fallout.events);
              if (fallout.patch) o.patch = { ...o.patch, ...fallout.patch };
            }
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
      approvalsMayExist = !outcome.events.some((e) => e.bumpsVersion);

      let { version, seq } = t;
      const from = chained.length;
      for (const ev of outcome.events) {
        if (ev.bumpsVersion) version += 1;
        seq += 1;
        const link = chainEvent(prevHash, {
          stream: testimonyStream(testimonyId),
          seq,
          testimonyId,
          actorId: it.caller.id,
          type: ev.type,
          payload: ev.payload,
          version,
          commandId: it.cmd.commandId,
        });
        prevHash = link.hash;
        chained.push(link);
      }
      const result: CommandResult = { seq, version, duplicate: false };
      seen.set(it.cmd.commandId, result);
      processed.push({ id: it.cmd.commandId, actorId: it.caller.id, name: it.cmd.name, result });
      patch = { ...patch, ...outcome.patch };
      t = { ...t, ...outcome.patch, seq, version };
      pending.push({ kind: 'applied', result, from, to: chained.length, outcome });
    }

    const rows = await insertEvents(tx, chained);
    if (processed.length > 0) await updateTestimony(tx, testimonyId, { ...patch, seq: t.seq, version: t.version });
    await insertProcessed(tx, processed);
    return pending.map((p) => (p.kind === 'applied' ? { kind: 'applied', result: p.result, rows: rows.slice(p.from, p.to), outcome: p.outcome } : p));
  });
}
