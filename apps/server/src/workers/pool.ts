import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AppError } from '../errors.ts';
import type * as Jobs from './jobs.worker.ts';

/** Job name → its input and (awaited) result, read off the worker module's own exports. */
type JobName = keyof typeof Jobs;
type Input<N extends JobName> = Parameters<(typeof Jobs)[N]>[0];
type Output<N extends JobName> = Awaited<ReturnType<(typeof Jobs)[N]>>;

export type PoolLimits = { threads: number; queue: number };

// A plain-JS entry that registers the TypeScript loader inside the thread (see the file).
const WORKER = fileURLToPath(new URL('./jobs.entry.mjs', import.meta.url));

export class JobPool {
  readonly #pool: Piscina;
  readonly #threads: number;
  #warm: Promise<void> | undefined;
  #ready = false;
  #pending = 0;
  constructor(limits: PoolLimits) {
    this.#threads = limits.threads;
    this.#pool = new Piscina({
      filename: WORKER,
      // Threads start with the pool, so the first job does not also pay for loading the lexicons.
      minThreads: limits.threads,
      maxThreads: limits.threads,
      maxQueue: limits.queue,
      // Idle threads are unref'd by piscina and never retired: reloading the engine costs seconds.
      idleTimeout: Number.MAX_SAFE_INTEGER,
    });
  }

  /** Jobs accepted and not yet settled (running or waiting for a thread). */
  get pending(): number {
    return this.#pending;
  }

  /**
   * Runs one job on a worker thread. A full queue is refused at once with `busy` (HTTP 503),
   * never queued without bound: a caller told to retry is better than a desk that stalls.
   */
  async run<N extends JobName>(name: N, input: Input<N>): Promise<Output<N>> {
    const task = this.#pool.run({ name, input }) as Promise<Output<N>>;
    this.#pending++;
    try {
      return await task;
    } catch (err) {
      if (err instanceof Error && /queue is at limit|no task queue available/i.test(err.message)) throw busy();
      throw err;
    } finally {
      this.#pending--;
    }
  }

  /**
   * Resolves once every thread has loaded the engine (seconds on a cold start). The server
   * starts it without waiting; tests wait, so a first job's timeout is not spent loading.
   */
  warm(): Promise<void> {
    this.#warm ??= Promise.all(Array.from({ length: this.#threads }, () => this.#pool.run({ name: 'ping', input: undefined }))).then(() => {
      this.#ready = true;
    });
    return this.#warm;
  }

  /** Every thread has loaded the engine: reported by `/api/health` so operators and tests can wait for it. */
  get ready(): boolean {
    return this.#ready;
  }

  close(): Promise<void> {
    return this.#pool.destroy();
  }
}

const busy = () =>
  new AppError('busy', 'The desk is busy with other long jobs (exports, imports, checks); try again in a moment', { retryAfterSeconds: 5 });

const pools = new Map<string, JobPool>();

/**
 * One pool per process and limits (tests start several apps in one process; they share it).
 * Pools live as long as the process: their idle threads do not keep it alive.
 */
export function jobPool(limits: PoolLimits): JobPool {
  const key = `${limits.threads}:${limits.queue}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = new JobPool(limits)));
  return pool;
}

/** The pool for this desk's configured limits (`DESK_JOB_THREADS`, `DESK_JOB_QUEUE`). */
export const jobs = (ctx: { config: { jobs: PoolLimits } }): JobPool => jobPool(ctx.config.jobs);
