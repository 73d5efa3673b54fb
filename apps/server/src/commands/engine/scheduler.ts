import type { Db } from '@desk/db';
import { findProcessed } from '../../repo/commands.repo.ts';
import { answerAll, settle } from './answer.ts';
import { applyBatch, duplicateOf, RetryWithSavepoints } from './batch.ts';
import type { BatchResult, Waiting } from './types.ts';

/**
 * One way through for every command: a **locking batch** (group commit). Up to MAX_INFLIGHT
 * transactions run at once; the next free slot takes everything waiting (up to MAX_BATCH) for
 * testimonies not already in flight and commits it together (see `applyBatch`). Per testimony
 * one batch at a time, in queue order. Under heavy load the round trips and disk flushes per
 * command fall instead of the queue growing. Two processes writing one testimony queue on its
 * row lock in Postgres: the second waits for the first's COMMIT, it never retries or spins.
 */
const MAX_BATCH = 128;
/** Below the pool size (10), so logins, reads and REST always find a connection. */
const MAX_INFLIGHT = 4;
const PG_UNIQUE_VIOLATION = '23505';

type Scheduler = { waiting: Map<string, Waiting[]>; inflight: Set<string>; running: number };

/** Per database handle (tests run several apps in one process). */
const schedulers = new WeakMap<Db, Scheduler>();

function schedulerOf(db: Db): Scheduler {
  let s = schedulers.get(db);
  if (!s) schedulers.set(db, (s = { waiting: new Map(), inflight: new Set(), running: 0 }));
  return s;
}

export function enqueue(item: Waiting): void {
  const s = schedulerOf(item.ctx.db);
  const q = s.waiting.get(item.cmd.testimonyId);
  if (q) q.push(item);
  else s.waiting.set(item.cmd.testimonyId, [item]);
  pump(item.ctx.db, s);
}

function pump(db: Db, s: Scheduler): void {
  while (s.running < MAX_INFLIGHT) {
    const batch: Waiting[] = [];
    const ids: string[] = [];
    for (const [id, q] of s.waiting) {
      if (s.inflight.has(id)) continue;
      ids.push(id);
      batch.push(...q.splice(0, MAX_BATCH - batch.length));
      if (q.length === 0) s.waiting.delete(id);
      if (batch.length >= MAX_BATCH) break;
    }
    if (batch.length === 0) return;
    for (const id of ids) s.inflight.add(id);
    s.running += 1;
    void runLocking(db, batch).finally(() => {
      for (const id of ids) s.inflight.delete(id);
      s.running -= 1;
      pump(db, s);
    });
  }
}

async function runLocking(db: Db, batch: Waiting[]): Promise<void> {
  await answerAll(batch, async () => {
    let results: BatchResult[];
    try {
      results = await applyBatch(db, batch, 'optimistic').catch((err: unknown) => {
        if (err instanceof RetryWithSavepoints) return applyBatch(db, batch, 'savepoints');
        throw err;
      });
    } catch (err) {
      // A lone command's own failure, or a batch-level one (a racing duplicate command id
      // from another process, a lost connection): retry each command on its own, in order.
      if (batch.length === 1) results = [await retryLone(db, batch[0]!, err)];
      else {
        results = [];
        for (const b of batch) results.push(await applyBatch(db, [b], 'savepoints').then((r) => r[0]!, (e: unknown) => retryLone(db, b, e)));
      }
    }
    await settle(batch, results);
  });
}

/** Two deliveries of one command raced (e.g. on two processes): the loser reads the winner's ack. */
async function retryLone(db: Db, item: Waiting, err: unknown): Promise<BatchResult> {
  if (isUniqueViolation(err)) {
    const seen = (await findProcessed(db, item.caller.id, [item.cmd.commandId])).get(item.cmd.commandId);
    if (seen) return duplicateOf(item, seen);
  }
  return { kind: 'failed', error: err };
}

function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    if ((e as { code?: string }).code === PG_UNIQUE_VIOLATION) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
