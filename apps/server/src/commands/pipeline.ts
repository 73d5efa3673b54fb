import type { CommandResult, ConflictNotice, EventPayload, EventType } from '@desk/protocol';
import type { Db } from '@desk/db';
import type { Tx } from '../repo/conn.ts';
import { findProcessed } from '../repo/commands.repo.ts';
import { findTestimonySummary, type TestimonyRow } from '../repo/testimonies.repo.ts';
import { presentEvent } from '../presenters/event.presenter.ts';
import { presentSummary } from '../presenters/testimony.presenter.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import type { Action } from '../policy/policy.ts';
import type { Caller, Ctx } from './context.ts';
import { applyBatch, RetryWithSavepoints, type BatchResult, type QueuedCommand } from './batch.ts';

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
 * Batching: commands wait while up to MAX_INFLIGHT transactions are running; the next free
 * slot takes everything waiting (up to MAX_BATCH) for testimonies that are not already in a
 * running transaction and commits it together. Under light load a command starts at once;
 * under heavy load the number of round trips and disk flushes per command falls instead of
 * the queue growing. A testimony is in at most one running transaction at a time, so its
 * commands apply in arrival order.
 */
const MAX_BATCH = 128;
const MAX_INFLIGHT = 4;
const PG_UNIQUE_VIOLATION = '23505';

function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    if ((e as { code?: string }).code === PG_UNIQUE_VIOLATION) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

type Waiting = QueuedCommand & { ctx: Ctx; resolve: (r: CommandResult) => void; reject: (e: unknown) => void };
type Scheduler = { waiting: Map<string, Waiting[]>; inflight: Set<string>; running: number };
/** Per database handle (tests run several apps in one process). */
const schedulers = new WeakMap<Db, Scheduler>();

/**
 * Applies one command to one testimony: in a single transaction it checks the command id
 * (idempotency), locks the testimony row (so sequence numbers are dense and ordered), runs
 * the business rule, appends the audit events and records the ack. Only after COMMIT are the
 * events broadcast and the command acknowledged, so nothing is announced that could still
 * roll back. Under load several commands share that transaction (see `applyBatch`).
 */
export function runTestimonyCommand(
  ctx: Ctx,
  caller: Caller,
  cmd: { name: string; commandId: string; testimonyId: string; action: Action },
  apply: (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    let s = schedulers.get(ctx.db);
    if (!s) schedulers.set(ctx.db, (s = { waiting: new Map(), inflight: new Set(), running: 0 }));
    const q = s.waiting.get(cmd.testimonyId);
    const item: Waiting = { ctx, caller, cmd, apply, resolve, reject };
    if (q) q.push(item);
    else s.waiting.set(cmd.testimonyId, [item]);
    pump(ctx.db, s);
  });
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
    void run(db, batch).finally(() => {
      for (const id of ids) s.inflight.delete(id);
      s.running -= 1;
      pump(db, s);
    });
  }
}

async function run(db: Db, batch: Waiting[]): Promise<void> {
  let results: BatchResult[];
  try {
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
  } catch (err) {
    // Never leave a caller waiting: whatever broke the run is their answer.
    for (const item of batch) item.reject(err);
  }
}

/** Two deliveries of one command raced (e.g. on two processes): the loser reads the winner's ack. */
async function retryLone(db: Db, item: Waiting, err: unknown): Promise<BatchResult> {
  if (isUniqueViolation(err)) {
    const seen = (await findProcessed(db, [item.cmd.commandId])).get(item.cmd.commandId);
    if (seen) return { kind: 'duplicate', result: { ...seen, duplicate: true } };
  }
  return { kind: 'failed', error: err };
}

/** Publishes in commit order, then answers each caller. */
async function settle(batch: Waiting[], results: BatchResult[]): Promise<void> {
  const applied = results.some((r) => r.kind === 'applied' && r.rows.length > 0);
  // Committed events are always announced; at worst without names (clients re-read on sync).
  const actors = applied ? await loadActors(batch[0]!.ctx.db, batch.map((b) => b.caller.id)).catch(() => new Map()) : new Map();
  batch.forEach((item, i) => {
    const r = results[i] ?? { kind: 'failed', error: new Error('missing batch result') };
    if (r.kind === 'failed') return item.reject(r.error);
    if (r.kind === 'applied' && r.rows.length > 0) {
      try {
        item.ctx.publish.testimonyEvents(r.rows.map((row) => presentEvent(row, actors)));
        for (const c of r.outcome.conflicts ?? []) {
          item.ctx.publish.conflict(c.userId, { ...c.notice, theirs: { ...c.notice.theirs, seq: r.result.seq } });
        }
        scheduleQueueAnnouncement(item.ctx, item.cmd.testimonyId);
      } catch (err) {
        item.ctx.logger.warn({ err: (err as Error).message }, 'broadcast failed; clients catch up by sync');
      }
    }
    item.resolve(r.result);
  });
}

/**
 * Dashboards need the counts of a busy testimony a few times a second at most; announcing
 * after every edit would re-count its redactions on every command.
 */
const QUEUE_ANNOUNCE_MS = 250;
const announcing = new WeakMap<Ctx, Set<string>>();

function scheduleQueueAnnouncement(ctx: Ctx, testimonyId: string): void {
  let set = announcing.get(ctx);
  if (!set) announcing.set(ctx, (set = new Set()));
  if (set.has(testimonyId)) return;
  set.add(testimonyId);
  const timer = setTimeout(() => {
    set.delete(testimonyId);
    void announceQueue(ctx, testimonyId);
  }, QUEUE_ANNOUNCE_MS);
  timer.unref();
}

/** Tells dashboards that a row of the queue changed (counts, status, assignee). */
export async function announceQueue(ctx: Ctx, testimonyId: string): Promise<void> {
  try {
    const s = await findTestimonySummary(ctx.db, testimonyId);
    if (s) ctx.publish.queueChanged(presentSummary(s, await loadActors(ctx.db)));
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'queue announcement failed');
  }
}
