import type { Db, DbConnection } from '@desk/db';
import { findProcessed } from '../repo/commands.repo.ts';
import { cachedActors, type Actors } from '../presenters/user.presenter.ts';
import { answerAll, publishAndAnswer, settle, type Waiting } from './answer.ts';
import { applyBatch, RetryWithSavepoints, type BatchResult } from './batch.ts';
import { commitFast, planFast, type FastPlan } from './fast-path.ts';
import { forgetHead, headOf, rememberHead, type StreamHead } from './stream-heads.ts';

/**
 * Two ways through, both ordered per testimony:
 *
 * - A **lane** (fast path): when this process knows a testimony's chain head and the commands
 *   at the front of its queue have pure plans, each batch is planned on the lane's tail and
 *   written at once as one guarded statement on the lane's connection, up to LANE_DEPTH of them
 *   pipelined: Postgres runs each right after the previous one's COMMIT, without waiting for
 *   this process to read the previous result, and each commits only if the chain still ends
 *   where it was planned. Outcomes are handled in order. When a statement is refused, or a
 *   command at the front cannot be planned, the lane stops taking commands, drains, and puts
 *   what it could not commit back at the front of the queue for the locking path.
 * - A **locking batch**: up to MAX_INFLIGHT transactions; the next free slot takes everything
 *   waiting (up to MAX_BATCH) for testimonies not already in flight and commits it together
 *   (see `applyBatch`). Under heavy load the round trips and disk flushes per command fall
 *   instead of the queue growing.
 */
const MAX_BATCH = 128;
const MAX_INFLIGHT = 4;
const LANE_DEPTH = 3;
/**
 * After this many batches a lane hands its connection back if anything is waiting for the pool,
 * so busy testimonies take turns. Nobody waiting: it keeps it, since each hand-back drains the
 * pipeline (measured: one stall a second at 50 editors on one testimony).
 */
const LANE_BATCHES = 256;
const PG_UNIQUE_VIOLATION = '23505';

type Lane = {
  tail: StreamHead;
  /** Its own pooled connection (pipelined, see `createDb`): Postgres runs the lane's statements
   *  in the order written, each right after the previous one's COMMIT, with no lock to wait for
   *  and no round trip back to this process in between. */
  conn: Promise<DbConnection>;
  /** `conn` once connected: statements are then written synchronously, before anything else
   *  this turn of the event loop does (such as announcing the previous batch). */
  client: DbConnection | null;
  depth: number;
  sent: number;
  closing: boolean;
  broken: boolean;
  done: Promise<void>;
  declined: Waiting[];
};
type Scheduler = { waiting: Map<string, Waiting[]>; inflight: Set<string>; running: number; lanes: Map<string, Lane>; counts: PathCounts };
type PathCounts = { fast: number; locking: number };

/** Per database handle (tests run several apps in one process). */
const schedulers = new WeakMap<Db, Scheduler>();

function schedulerOf(db: Db): Scheduler {
  let s = schedulers.get(db);
  if (!s) schedulers.set(db, (s = { waiting: new Map(), inflight: new Set(), running: 0, lanes: new Map(), counts: { fast: 0, locking: 0 } }));
  return s;
}

/** How many batches took each path on this database handle (for the benchmark and tests). */
export const pathCounts = (db: Db): PathCounts => schedulerOf(db).counts;

export function enqueue(item: Waiting): void {
  const s = schedulerOf(item.ctx.db);
  const q = s.waiting.get(item.cmd.testimonyId);
  if (q) q.push(item);
  else s.waiting.set(item.cmd.testimonyId, [item]);
  pump(item.ctx.db, s);
}

function pump(db: Db, s: Scheduler): void {
  for (const [id, q] of s.waiting) {
    let lane = s.lanes.get(id);
    // Not capped: a lane holds a connection only while it has statements to run, and lanes
    // wait for the pool in the same queue as locking transactions and reads. (Capping lanes at
    // half the pool sent a busy server's overflow to the slower locking path: at 500 editors
    // over 50 testimonies, p99 95 ms instead of 33 ms.)
    if (!lane && !s.inflight.has(id) && q[0]?.plan) {
      const head = headOf(db, id);
      if (head) {
        s.inflight.add(id);
        const conn = db.$client.connect();
        const created: Lane = { tail: head, conn, client: null, depth: 0, sent: 0, closing: false, broken: false, done: Promise.resolve(), declined: [] };
        // Registered first, so it runs before any statement queued on `conn` meanwhile.
        conn.then((c) => (created.client = c), () => {}); // a failure is seen by the first statement
        s.lanes.set(id, (lane = created));
      }
    }
    if (lane) feedLane(db, s, id, lane, q);
  }
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
    s.counts.locking += 1;
    void runLocking(db, batch).finally(() => {
      for (const id of ids) s.inflight.delete(id);
      s.running -= 1;
      pump(db, s);
    });
  }
}

/** Sends what the lane can plan from the front of its testimony's queue. */
function feedLane(db: Db, s: Scheduler, id: string, lane: Lane, q: Waiting[]): void {
  while (!lane.closing && lane.depth < LANE_DEPTH && q.length > 0) {
    if (lane.sent >= LANE_BATCHES && db.$client.waitingCount > 0) {
      lane.closing = true;
      break;
    }
    let n = 0;
    while (n < q.length && n < MAX_BATCH && q[n]!.plan) n += 1;
    const items = q.slice(0, n);
    const actors = n > 0 ? cachedActors(items.map((i) => i.caller.id)) : null;
    const plan = actors ? planFast(items, lane.tail, actors) : null;
    if (!plan || !actors) {
      lane.closing = true;
      break;
    }
    q.splice(0, n);
    lane.tail = plan.to;
    send(db, s, id, lane, items, plan, actors);
  }
  if (q.length === 0 && s.waiting.get(id) === q) s.waiting.delete(id);
  if (lane.depth === 0) closeLane(db, s, id, lane);
}

function send(db: Db, s: Scheduler, id: string, lane: Lane, items: Waiting[], plan: FastPlan, actors: Actors): void {
  lane.depth += 1;
  lane.sent += 1;
  // Written now, behind the lane's earlier statements (pipelined); Postgres answers in order.
  const run = lane.client ? commitFast(lane.client, plan) : lane.conn.then((c) => commitFast(c, plan));
  const committed = run.catch((err: unknown) => {
    // An already acked command id or a lost connection: the locking path reads what committed.
    if (!isUniqueViolation(err)) {
      lane.broken = true;
      items[0]!.ctx.logger.warn({ err: (err as Error).message }, 'fast path failed; retrying under the lock');
    }
    return false;
  });
  lane.done = lane.done
    .then(() => committed)
    .then((ok) => {
      lane.depth -= 1;
      if (!ok) {
        lane.closing = true;
        lane.declined.push(...items);
      } else {
        s.counts.fast += 1;
        rememberHead(db, plan.to);
      }
      const q = s.waiting.get(id);
      if (q && !lane.closing) feedLane(db, s, id, lane, q);
      else if (lane.depth === 0) closeLane(db, s, id, lane);
      if (s.lanes.get(id) !== lane) pump(db, s);
      // The next statements are already on the wire (fed above or earlier), so Postgres works on
      // them while the events are written to the sockets. Announced in this link of the chain,
      // so announcements stay in commit order.
      if (ok) return answerAll(items, () => publishAndAnswer(items, plan.results, actors));
    })
    .catch((err: unknown) => {
      // Bookkeeping cannot fail short of a bug; never leave the testimony blocked behind one.
      items[0]!.ctx.logger.error({ err }, 'fast lane failed');
      for (const item of items) item.reject(err);
    });
}

/**
 * Hands the testimony back (the caller pumps); whatever the lane could not commit goes first,
 * to the locking path, and a refused statement means the remembered head is wrong.
 */
function closeLane(db: Db, s: Scheduler, id: string, lane: Lane): void {
  if (s.lanes.get(id) !== lane) return;
  s.lanes.delete(id);
  // A connection that failed a statement may be broken; the pool replaces it.
  void lane.conn.then((c) => c.release(lane.broken || undefined), () => {});
  if (lane.declined.length > 0) {
    forgetHead(db, id);
    s.waiting.set(id, [...lane.declined, ...(s.waiting.get(id) ?? [])]);
  }
  s.inflight.delete(id);
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
    const seen = (await findProcessed(db, [item.cmd.commandId])).get(item.cmd.commandId);
    if (seen) return { kind: 'duplicate', result: { ...seen, duplicate: true } };
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
