import type { CommandResult, ConflictNotice, EventPayload, EventType } from '@desk/protocol';
import type { Db } from '@desk/db';
import type { Tx } from '../repo/conn.ts';
import { findProcessed } from '../repo/commands.repo.ts';
import { findTestimonySummary, type TestimonyRow } from '../repo/testimonies.repo.ts';
import { presentEvent } from '../presenters/event.presenter.ts';
import { presentSummary } from '../presenters/testimony.presenter.ts';
import { loadActors, type Actors } from '../presenters/user.presenter.ts';
import type { Action } from '../policy/policy.ts';
import type { Caller, Ctx } from './context.ts';
import { applyBatch, RetryWithSavepoints, type BatchResult, type CommandPlan, type QueuedCommand } from './batch.ts';
import { applyFast } from './fast-path.ts';
import { forgetHead } from './stream-heads.ts';
import { insertRedactions } from '../repo/redactions.repo.ts';

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
  rule: ((tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>) | { plan: CommandPlan },
): Promise<CommandResult> {
  const item = typeof rule === 'function' ? { ctx, caller, cmd, apply: rule } : { ctx, caller, cmd, plan: rule.plan, apply: applyPlan(caller, rule.plan) };
  return new Promise((resolve, reject) => {
    let s = schedulers.get(ctx.db);
    if (!s) schedulers.set(ctx.db, (s = { waiting: new Map(), inflight: new Set(), running: 0 }));
    const q = s.waiting.get(cmd.testimonyId);
    const queued: Waiting = { ...item, resolve, reject };
    if (q) q.push(queued);
    else s.waiting.set(cmd.testimonyId, [queued]);
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
    const held = new Set(ids);
    const release = (id: string) => {
      if (held.delete(id) && s.inflight.delete(id)) pump(db, s);
    };
    void run(db, batch, release).finally(() => {
      for (const id of held) s.inflight.delete(id);
      s.running -= 1;
      pump(db, s);
    });
  }
}

/** A planned command on the transactional path: the same rule, its rows inserted at once. */
function applyPlan(caller: Caller, plan: CommandPlan): (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome> {
  return async (tx, t) => {
    const o = plan(t, await loadActors(tx, [caller.id]));
    await insertRedactions(tx, o.newRedactions);
    return o;
  };
}

/**
 * Each testimony's part of the batch first tries the one-statement fast path; what that
 * declines (having written nothing) goes through one locking transaction.
 */
async function run(db: Db, batch: Waiting[], release: (testimonyId: string) => void): Promise<void> {
  const counts = pathCounts(db);
  const byTestimony = new Map<string, Waiting[]>();
  for (const b of batch) byTestimony.set(b.cmd.testimonyId, [...(byTestimony.get(b.cmd.testimonyId) ?? []), b]);
  const locking: Waiting[] = [];
  await Promise.all(
    [...byTestimony.values()].map(async (items) => {
      const fast = items.every((i) => i.plan) ? await applyFast(db, items).catch((err: unknown) => fastDeclined(items, err)) : null;
      if (!fast) return locking.push(...items);
      counts.fast += 1;
      // Committed, and the head already advanced: the testimony's next batch may start now,
      // and its statement goes out before this batch is announced, so Postgres works on it
      // while the events are written to the sockets.
      const id = items[0]!.cmd.testimonyId;
      release(id);
      await answer(items, () => announceInOrder(id, () => publishAndAnswer(items, fast.results, fast.actors)));
    }),
  );
  if (locking.length > 0) {
    counts.locking += 1;
    await runLocking(db, locking);
  }
}

const announcementTails = new Map<string, Promise<void>>();

/**
 * Runs `announce` after the current tick (once the next batch's statement has been sent) and
 * after every earlier announcement of the same testimony, so events leave in commit order.
 */
function announceInOrder(testimonyId: string, announce: () => void): Promise<void> {
  const prev = announcementTails.get(testimonyId) ?? Promise.resolve();
  const mine = prev.then(() => new Promise<void>((resolve) => setImmediate(() => { try { announce(); } finally { resolve(); } })));
  announcementTails.set(testimonyId, mine);
  void mine.finally(() => {
    if (announcementTails.get(testimonyId) === mine) announcementTails.delete(testimonyId);
  });
  return mine;
}

const paths = new WeakMap<Db, { fast: number; locking: number }>();

/** How many batches took each path on this database handle (for the benchmark and tests). */
export function pathCounts(db: Db): { fast: number; locking: number } {
  let c = paths.get(db);
  if (!c) paths.set(db, (c = { fast: 0, locking: 0 }));
  return c;
}

/**
 * The fast statement failed (an already acked command id, a lost connection): the locking
 * path re-reads what was committed and answers from that.
 */
function fastDeclined(items: Waiting[], err: unknown): null {
  forgetHead(items[0]!.ctx.db, items[0]!.cmd.testimonyId);
  if (!isUniqueViolation(err)) items[0]!.ctx.logger.warn({ err: (err as Error).message }, 'fast path failed; retrying under the lock');
  return null;
}

async function answer(batch: Waiting[], settleAll: () => Promise<void> | void): Promise<void> {
  try {
    await settleAll();
  } catch (err) {
    // Never leave a caller waiting: whatever broke the run is their answer.
    for (const item of batch) item.reject(err);
  }
}

async function runLocking(db: Db, batch: Waiting[]): Promise<void> {
  await answer(batch, async () => {
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
  publishAndAnswer(batch, results, actors);
}

function publishAndAnswer(batch: Waiting[], results: BatchResult[], actors: Actors): void {
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
