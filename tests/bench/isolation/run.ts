import { fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../apps/server/src/config.ts';
import { createLogger } from '../../../apps/server/src/logger.ts';
import { openDatabase } from '../../../apps/server/src/bootstrap/database.ts';
import { createApp } from '../../../apps/server/src/app.ts';
import { createTestimony } from '../../../apps/server/src/commands/testimonies.commands.ts';
import { createExport } from '../../../apps/server/src/commands/export.commands.ts';
import { benchBody, createEditors, scratchDatabase } from '../realtime/setup.ts';
import { round, summarise, table } from '../realtime/stats.ts';
import type { FromWorker, ToWorker, WorkerEditor } from '../realtime/worker.ts';

/**
 * `npm run bench:isolation`: does one huge job disturb everyone else? 50 editors propose
 * redactions on one testimony (1 op/s each, the bench:realtime load generators) while the
 * server imports a 2,000,000-character testimony (detection), then exports it as PDF (render +
 * leak gate). Prints the editors' edit-to-visible p99 and /api/health p99 during the job against
 * the same load without it (quiet), and the job's own duration. Nothing here is asserted.
 *
 * BENCH_CHARS (default 2,000,000), BENCH_QUIET_SECONDS (20), BENCH_EDITORS (50), BENCH_RATE (ops/s
 * per editor, 1: at bench:realtime's 5 the shared 2-core machine is already saturated when quiet),
 * BENCH_WORKERS (load processes, 2), DESK_JOB_THREADS (the server's job threads).
 */
const CHARS = Number(process.env.BENCH_CHARS ?? 2_000_000);
const QUIET_SECONDS = Number(process.env.BENCH_QUIET_SECONDS ?? 20);
const EDITORS = Number(process.env.BENCH_EDITORS ?? 50);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 1);
const WARMUP_MS = 3_000;
const HEALTH_EVERY_MS = 100;

function ask(w: ChildProcess, m: ToWorker, want: FromWorker['type']): Promise<FromWorker> {
  return new Promise((res) => {
    const on = (r: FromWorker) => {
      if (r.type !== want) return;
      w.off('message', on);
      res(r);
    };
    w.on('message', on);
    w.send(m);
  });
}

/** GET /api/health every 100 ms from this process; each sample is send → full answer. */
function probeHealth(url: string): { stop: () => number[] } {
  const samples: number[] = [];
  let on = true;
  const once = () =>
    new Promise<void>((res) => {
      const t0 = performance.now();
      request(`${url}/api/health`, (r) => {
        r.resume();
        r.on('end', () => {
          samples.push(performance.now() - t0);
          res();
        });
      })
        .on('error', () => res())
        .end();
    });
  void (async () => {
    while (on) {
      const next = performance.now() + HEALTH_EVERY_MS;
      await once();
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
  })();
  return {
    stop: () => {
      on = false;
      return samples;
    },
  };
}

/** Runs the editors until `until` settles (or for `seconds`), returning their latency samples. */
async function editorsDuring(workers: ChildProcess[], url: string, plan: WorkerEditor[][], until: Promise<unknown> | number): Promise<{ edits: number[]; health: number[] }> {
  await Promise.all(workers.map((w, i) => ask(w, { type: 'connect', mode: 'desk', url, editors: plan[i] ?? [] }, 'ready')));
  const startAt = performance.timeOrigin + performance.now() + 200;
  const durationMs = typeof until === 'number' ? until * 1000 : 3_600_000;
  const done = Promise.all(
    workers.map((w) => ask(w, { type: 'go', startAt, ratePerSec: RATE, warmupMs: WARMUP_MS, durationMs, drainMs: 1_000, bodyChars: benchBody(0).length }, 'done')),
  );
  await new Promise((r) => setTimeout(r, 200 + WARMUP_MS));
  const health = probeHealth(url);
  if (typeof until !== 'number') {
    await until;
    for (const w of workers) w.send({ type: 'stop' } satisfies ToWorker);
  }
  const results = await done;
  const healthSamples = health.stop();
  await Promise.all(workers.map((w) => ask(w, { type: 'disconnect' }, 'closed')));
  return { edits: results.flatMap((d) => (d.type === 'done' ? d.samples : [])), health: healthSamples };
}

/** A long testimony in the shape of a real one: paragraphs of mixed scripts, names, places. */
function hugeBody(chars: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const p = benchBody(i);
    out.push(p);
    n += p.length + 2;
  }
  return out.join('\n\n').slice(0, chars);
}

async function main(): Promise<void> {
  process.env.DESK_SOCKET_RATE = '10000';
  process.env.DESK_SOCKET_BURST = '10000';
  const logger = createLogger('warn');
  const scratch = await scratchDatabase();
  const database = await openDatabase({ url: scratch.url, dataDir: '', logger });
  const config = loadConfig({ ...process.env, DATABASE_URL: scratch.url, DESK_DEMO: '0', LOG_LEVEL: 'warn' });
  const app = await createApp({ config, logger, db: database, serveWeb: false });
  await new Promise<void>((res) => app.http.listen(0, '127.0.0.1', () => res()));
  const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  const workerFile = fileURLToPath(new URL('../realtime/worker.ts', import.meta.url));
  const workers = Array.from({ length: WORKERS }, () => fork(workerFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  try {
    console.error(`setting up ${EDITORS} editors…`);
    const editors = await createEditors(database, EDITORS);
    const admin = { id: editors[0]!.userId, role: 'admin' as const, disabled: false, name: 'Bench admin', sessionId: null };
    const creator = { ...admin, role: 'editor' as const };
    const room = (await createTestimony(app.ctx, creator, { title: 'Busy room', language: 'en', body: benchBody(0) })).id;
    const plan: WorkerEditor[][] = workers.map(() => []);
    editors.forEach((e, i) => plan[i % workers.length]!.push({ ...e, room }));
    const body = hugeBody(CHARS);

    console.error(`quiet: ${QUIET_SECONDS} s of editing, no job…`);
    const quiet = await editorsDuring(workers, url, plan, QUIET_SECONDS);

    console.error(`job: import + PDF export (with leak gate) of ${CHARS.toLocaleString()} characters while editing…`);
    const timing = { importMs: 0, exportMs: 0 };
    const job = (async () => {
      let t = performance.now();
      // The admin imports it, then exports the (unapproved) text as a DRAFT: same render and gate.
      const t1 = await createTestimony(app.ctx, admin, { title: 'Huge', language: 'en', body });
      timing.importMs = performance.now() - t;
      t = performance.now();
      await createExport(app.ctx, admin, t1.id, { format: 'pdf', mode: 'label' });
      timing.exportMs = performance.now() - t;
    })();
    const busy = await editorsDuring(workers, url, plan, job);
    await job;

    const [qe, qh, be, bh] = [quiet.edits, quiet.health, busy.edits, busy.health].map((s) => summarise(Float64Array.from(s)));
    console.log(
      table([
        { phase: 'quiet', 'edit p50 ms': round(qe!.p50), 'edit p99 ms': round(qe!.p99), edits: qe!.n, 'health p99 ms': round(qh!.p99), 'health max ms': round(qh!.max), probes: qh!.n },
        { phase: 'during job', 'edit p50 ms': round(be!.p50), 'edit p99 ms': round(be!.p99), edits: be!.n, 'health p99 ms': round(bh!.p99), 'health max ms': round(bh!.max), probes: bh!.n },
      ]),
    );
    console.log(
      JSON.stringify({
        chars: CHARS,
        job_threads: config.jobs.threads,
        import_ms: Math.round(timing.importMs),
        export_ms: Math.round(timing.exportMs),
        job_ms: Math.round(timing.importMs + timing.exportMs),
        edit_p99_quiet_ms: round(qe!.p99),
        edit_p99_job_ms: round(be!.p99),
        edit_ratio: round(be!.p99 / qe!.p99, 2),
        health_p99_quiet_ms: round(qh!.p99),
        health_p99_job_ms: round(bh!.p99),
        health_ratio: round(bh!.p99 / qh!.p99, 2),
      }),
    );
  } finally {
    for (const w of workers) w.kill();
    await app.close().catch(() => {});
    await database.shutdown().catch(() => {});
    await scratch.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
