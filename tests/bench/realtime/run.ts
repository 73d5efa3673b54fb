import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../apps/server/src/config.ts';
import { createLogger } from '../../../apps/server/src/logger.ts';
import { openDatabase } from '../../../apps/server/src/bootstrap/database.ts';
import { createApp } from '../../../apps/server/src/app.ts';
import { createTestimony } from '../../../apps/server/src/commands/testimonies.commands.ts';
import { benchBody, createEditors, scratchDatabase } from './setup.ts';
import { startFloor } from './floor.ts';
import { round, summarise, table } from './stats.ts';
import type { FromWorker, ToWorker, WorkerEditor } from './worker.ts';
import { mixFigures, type MixGap, type MixReceipt, type MixSend } from './mix.ts';
import { ServerProcess, freePort } from '../../faults/server-process.ts';

/**
 * `npm run bench:realtime`: edit-to-visible latency of the desk (real server, real Postgres,
 * Postgres adapter on, as in production) against a floor (INSERT + broadcast), driven by the
 * same socket.io clients spread over several processes. The desk server runs in this process
 * so its event-loop delay can be measured; the load generators are child processes.
 */
type Scenario = { name: string; editors: number; testimonies: number; ratePerSec: number; seconds: number; mix?: true; processes?: 2 };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/**
 * Proposals only (the first four), then the review mix (mix.ts: proposals, decisions, entity
 * decisions, redact-all, comments, leave+rejoin, presence at 2 Hz). Mix scenarios start on fresh
 * testimonies, so earlier scenarios' spans do not weigh on their snapshots.
 * BENCH_ONLY=mix runs the mix only; BENCH_ONLY=50,500 picks by editor count.
 */
const ALL: Scenario[] = [
  { name: '10 editors / 1 testimony @ 5 ops/s', editors: 10, testimonies: 1, ratePerSec: 5, seconds: SECONDS },
  { name: '50 editors / 1 testimony @ 5 ops/s', editors: 50, testimonies: 1, ratePerSec: 5, seconds: SECONDS },
  { name: '500 editors / 50 testimonies @ 1 op/s', editors: 500, testimonies: 50, ratePerSec: 1, seconds: SECONDS },
  { name: '2000 editors / 100 testimonies @ 0.1 op/s', editors: 2000, testimonies: 100, ratePerSec: 0.1, seconds: Math.max(SECONDS, 20) },
  { name: 'mix: 10 editors / 1 testimony @ 1 op/s', editors: 10, testimonies: 1, ratePerSec: 1, seconds: SECONDS, mix: true },
  { name: 'mix: 50 editors / 1 testimony @ 1 op/s', editors: 50, testimonies: 1, ratePerSec: 1, seconds: SECONDS, mix: true },
  { name: 'mix: 500 editors / 50 testimonies @ 0.5 op/s', editors: 500, testimonies: 50, ratePerSec: 0.5, seconds: SECONDS, mix: true },
  { name: 'mix: 2000 editors / 100 testimonies @ 0.1 op/s', editors: 2000, testimonies: 100, ratePerSec: 0.1, seconds: Math.max(SECONDS, 20), mix: true },
  { name: 'mix: 2 processes, 25+25 editors / 1 testimony @ 1 op/s', editors: 50, testimonies: 1, ratePerSec: 1, seconds: SECONDS, mix: true, processes: 2 },
];
const ONLY = process.env.BENCH_ONLY?.split(',') ?? [];
const SCENARIOS = ALL.filter((s) => ONLY.length === 0 || ONLY.includes(String(s.editors)) || (s.mix && ONLY.includes('mix')) || (!s.mix && ONLY.includes('propose')));
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const DRAIN_MS = 2_000;
/** Load before measuring, so first-use costs (JIT, caches, pool connections) of either server are not timed. */
const WARMUP_MS = 3_000;
const BODY_CHARS = benchBody(0).length;

/**
 * Each server is measured in ROUNDS windows, alternating floor and desk, and each one's samples
 * are pooled: on a shared machine, load that comes and goes then falls on both servers alike
 * instead of on whichever happened to run during it.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

type Round = { samples: number[]; expected: number; received: number; errors: number; drops: number; sent: number; loopP99: number; loopMax: number };
type Result = { p50: number; p99: number; max: number; delivery: number; errors: number; drops: number; loopP99: number; loopMax: number; sent: number };

function combine(rounds: Round[]): Result {
  const st = summarise(Float64Array.from(rounds.flatMap((r) => r.samples)));
  const sum = (f: (r: Round) => number) => rounds.reduce((n, r) => n + f(r), 0);
  const expected = sum((r) => r.expected);
  return {
    p50: st.p50,
    p99: st.p99,
    max: st.max,
    delivery: expected ? sum((r) => r.received) / expected : NaN,
    errors: sum((r) => r.errors),
    drops: sum((r) => r.drops),
    sent: sum((r) => r.sent),
    loopP99: Math.max(...rounds.map((r) => r.loopP99)),
    loopMax: Math.max(...rounds.map((r) => r.loopMax)),
  };
}

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

async function measure(workers: ChildProcess[], url: string, mode: 'desk' | 'floor', s: Scenario, plan: WorkerEditor[][], seconds: number): Promise<Round> {
  const ready = await Promise.all(workers.map((w, i) => ask(w, { type: 'connect', mode, url, editors: plan[i] ?? [] }, 'ready')));
  const failed = ready.reduce((n, r) => n + (r.type === 'ready' ? r.failed : 0), 0);
  if (failed > 0) console.error(`  ${mode}: ${failed} editors failed to connect`);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const startAt = performance.timeOrigin + performance.now() + 200;
  const startLoop = setTimeout(() => loop.enable(), 200 + WARMUP_MS);
  const done = await Promise.all(
    workers.map((w) => ask(w, { type: 'go', startAt, ratePerSec: s.ratePerSec, warmupMs: WARMUP_MS, durationMs: seconds * 1000, drainMs: DRAIN_MS, bodyChars: BODY_CHARS, mix: s.mix === true }, 'done')),
  );
  clearTimeout(startLoop);
  loop.disable();
  await Promise.all(workers.map((w) => ask(w, { type: 'disconnect' }, 'closed')));

  const roomSize = new Map<string, number>();
  for (const e of plan.flat()) roomSize.set(e.room, (roomSize.get(e.room) ?? 0) + 1);
  let expected = 0;
  let received = 0;
  let errors = 0;
  let drops = 0;
  let sent = 0;
  const samples: number[] = [];
  const mixed: { sends: MixSend[]; receipts: MixReceipt[]; gaps: MixGap[] } = { sends: [], receipts: [], gaps: [] };
  for (const d of done) {
    if (d.type !== 'done') continue;
    mixed.sends.push(...d.mix.sends);
    mixed.receipts.push(...d.mix.receipts);
    mixed.gaps.push(...d.mix.gaps);
    for (const [room, n] of Object.entries(d.sentByRoom)) expected += n * ((roomSize.get(room) ?? 1) - 1);
    received += d.received;
    errors += Object.values(d.ackErrors).reduce((a, b) => a + b, 0);
    drops += d.drops;
    sent += d.sent;
    for (const x of d.samples) samples.push(x);
    if (Object.keys(d.ackErrors).length) console.error(`  ${mode}: ack errors`, d.ackErrors);
  }
  if (s.mix && mode === 'desk') {
    // Matched by (room, seq): see mix.ts. Views are not broadcast, so joins have no event to time.
    const roster = new Map<string, string[]>();
    for (const e of plan.flat()) roster.set(e.room, [...(roster.get(e.room) ?? []), e.userId]);
    const m = mixFigures(mixed.sends, mixed.receipts, mixed.gaps, roster);
    return { samples: m.samples, expected: m.expected, received: m.received, errors, drops, sent, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 };
  }
  return { samples, expected, received, errors, drops, sent, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6 };
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const scratch = await scratchDatabase();
  const database = await openDatabase({ url: scratch.url, dataDir: '', logger });
  const config = loadConfig({ DATABASE_URL: scratch.url, DESK_DEMO: '0', LOG_LEVEL: 'warn', DESK_SOCKET_RATE: '10000', DESK_SOCKET_BURST: '10000' });
  const app = await createApp({ config, logger, db: database, serveWeb: false });
  await new Promise<void>((res) => app.http.listen(0, '127.0.0.1', () => res()));
  const deskUrl = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  const floor = await startFloor(scratch.url);
  const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));
  const workers = Array.from({ length: WORKERS }, () => fork(workerFile, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));

  let second: ServerProcess | null = null;
  const rows: Record<string, string | number | null>[] = [];
  const json: Record<string, string | number | boolean | null>[] = [];
  try {
    const maxEditors = Math.max(...SCENARIOS.map((s) => s.editors));
    const maxTestimonies = Math.max(...SCENARIOS.map((s) => s.testimonies));
    console.error(`setting up ${maxEditors} editors and ${maxTestimonies} testimonies…`);
    const editors = await createEditors(database, maxEditors);
    const creator = { id: editors[0]!.userId, role: 'editor' as const, disabled: false, name: 'Editor 0', sessionId: null };
    let made = 0;
    const freshTestimonies = async (n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++, made++) ids.push((await createTestimony(app.ctx, creator, { title: `Bench ${made}`, language: 'en', body: benchBody(made) })).id);
      return ids;
    };
    const testimonyIds = SCENARIOS.some((s) => !s.mix) ? await freshTestimonies(maxTestimonies) : [];

    for (const s of SCENARIOS) {
      const rooms = s.mix ? await freshTestimonies(s.testimonies) : testimonyIds;
      if (s.processes === 2 && !second) {
        second = new ServerProcess(await freePort(), scratch.url);
        await second.start();
      }
      const plan: WorkerEditor[][] = workers.map(() => []);
      for (let i = 0; i < s.editors; i++) {
        // Two processes: every other editor on the second node, all on the same testimonies.
        const url = s.processes === 2 && i % 2 === 1 ? second!.url : undefined;
        plan[i % workers.length]!.push({ ...editors[i]!, room: rooms[i % s.testimonies]!, ...(url ? { url } : {}) });
      }
      const floorRounds: Round[] = [];
      const deskRounds: Round[] = [];
      for (let r = 1; r <= ROUNDS; r++) {
        console.error(`${s.name}: round ${r}/${ROUNDS}: floor…`);
        floorRounds.push(await measure(workers, floor.url, 'floor', s, plan, s.seconds / ROUNDS));
        console.error(`${s.name}: round ${r}/${ROUNDS}: desk…`);
        deskRounds.push(await measure(workers, deskUrl, 'desk', s, plan, s.seconds / ROUNDS));
      }
      const [f, d] = [combine(floorRounds), combine(deskRounds)];
      for (const [server, r] of [['floor', f], ['desk', d]] as const) {
        rows.push({
          scenario: s.name,
          server,
          ops: r.sent,
          'p50 ms': round(r.p50),
          'p99 ms': round(r.p99),
          'max ms': round(r.max),
          delivery: round(r.delivery, 4),
          'errors/drops': `${r.errors}/${r.drops}`,
          'loop p99 ms': round(r.loopP99),
          'loop max ms': round(r.loopMax),
        });
      }
      json.push({
        name: s.name,
        editors: s.editors,
        p50_ms: round(d.p50),
        p99_ms: round(d.p99),
        floor_p50_ms: round(f.p50),
        floor_p99_ms: round(f.p99),
        ratio_p99: round(d.p99 / f.p99, 2),
        delivery: round(d.delivery, 4),
        ...(s.mix ? { mix: true } : {}),
        ...(s.processes ? { processes: s.processes } : {}),
      });
    }
  } finally {
    await second?.stop().catch(() => {});
    for (const w of workers) w.kill();
    await floor.close().catch(() => {});
    await app.close().catch(() => {});
    await database.shutdown().catch(() => {});
    await scratch.drop();
  }
  console.log(table(rows));
  console.log(JSON.stringify({ scenarios: json }));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

