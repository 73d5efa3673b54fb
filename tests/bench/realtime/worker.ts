import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, CommandResult, ServerToClientEvents, TestimonySnapshot } from '@desk/protocol';
import type { FloorOp } from './floor.ts';
import { pickOp, RoomView, type MixGap, type MixReceipt, type MixSend } from './mix.ts';

/**
 * One load-generator process: a share of the simulated editors, each with its own socket
 * and account. It sends proposals (or, with `mix`, the review mix of mix.ts plus presence at
 * 2 Hz) at a steady rate and, for every edit of ANOTHER editor it receives, records
 * send→receive latency (all processes share the machine's clock).
 */
/** `url`: the desk node this editor uses (two-process scenario); else the one given to connect. */
export type WorkerEditor = { userId: string; cookie: string; room: string; url?: string };
export type ToWorker =
  | { type: 'connect'; mode: 'desk' | 'floor'; url: string; editors: WorkerEditor[] }
  | { type: 'go'; startAt: number; ratePerSec: number; warmupMs: number; durationMs: number; drainMs: number; bodyChars: number; mix?: boolean }
  | { type: 'disconnect' }
  /** Ends a running `go` now (bench:isolation runs editors for as long as its job takes). */
  | { type: 'stop' };
export type FromWorker =
  | { type: 'ready'; failed: number }
  | {
      type: 'done';
      sent: number;
      acked: number;
      ackErrors: Record<string, number>;
      received: number;
      samples: number[];
      sentByRoom: Record<string, number>;
      drops: number;
      mix: { sends: MixSend[]; receipts: MixReceipt[]; gaps: MixGap[] };
    }
  | { type: 'closed' };

type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Live = { e: WorkerEditor; s: Socket; view: RoomView; lastSeq: number; own: Set<number> };

const now = () => performance.timeOrigin + performance.now();
let live: Live[] = [];
let mode: 'desk' | 'floor' = 'desk';
let samples: number[] = [];
let received = 0;
let drops = 0;
let measuring = false;
/** Ops sent before this instant (shared clock) are warm-up: neither counted nor timed. */
let measureFrom = Infinity;
let stopRequested = false;
let mixMode = false;
let mix: { sends: MixSend[]; receipts: MixReceipt[]; gaps: MixGap[] } = { sends: [], receipts: [], gaps: [] };

const send = (m: FromWorker) => process.send?.(m);

async function connectOne(url: string, e: WorkerEditor): Promise<Live> {
  const s = io(mode === 'desk' && e.url ? e.url : url, { transports: ['websocket'], extraHeaders: { cookie: e.cookie }, reconnection: false, forceNew: true, timeout: 60_000 });
  await new Promise<void>((res, rej) => {
    s.once('connect', () => res());
    s.once('connect_error', rej);
  });
  s.on('disconnect', () => {
    if (measuring) drops++;
  });
  const live: Live = { e, s, view: new RoomView(), lastSeq: 0, own: new Set() };
  if (mode === 'desk') {
    const d = s as unknown as DeskSocket;
    d.on('testimony.events', ({ events }) => {
      const at = now();
      for (const ev of events) {
        live.view.apply(ev);
        live.lastSeq = Math.max(live.lastSeq, ev.seq);
        if (mixMode) {
          if (ev.actor?.id === e.userId) live.own.add(ev.seq);
          else if (measuring) mix.receipts.push([e.room, ev.seq, at]);
          continue;
        }
        if (ev.type !== 'redaction.proposed' || ev.actor?.id === e.userId) continue;
        const reason = ev.payload.redaction.reason;
        if (!reason?.startsWith('b:')) continue;
        const ts = Number(reason.slice(2));
        if (ts < measureFrom) continue;
        received++;
        samples.push(at - ts);
      }
    });
    const ack = (await d.timeout(120_000).emitWithAck('testimony.join', { testimonyId: e.room })) as Ack<TestimonySnapshot>;
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    live.view.reset(ack.data);
    live.lastSeq = ack.data.seq;
  } else {
    s.on('op', (op: FloorOp) => {
      if (op.from === e.userId || op.ts < measureFrom) return;
      received++;
      samples.push(now() - op.ts);
    });
    await s.timeout(120_000).emitWithAck('join', e.room);
  }
  return live;
}

/** A view: leave and rejoin. Events committed meanwhile arrive in the snapshot, not as events. */
async function rejoin(l: Live): Promise<Ack<unknown>> {
  const d = l.s as unknown as DeskSocket;
  const left = (await d.timeout(30_000).emitWithAck('testimony.leave', { testimonyId: l.e.room })) as Ack<unknown>;
  if (!left.ok) return left;
  const from = l.lastSeq + 1;
  const snap = (await d.timeout(30_000).emitWithAck('testimony.join', { testimonyId: l.e.room })) as Ack<TestimonySnapshot>;
  if (snap.ok) {
    if (snap.data.seq >= from) mix.gaps.push([l.e.room, l.e.userId, from, snap.data.seq]);
    l.view.reset(snap.data);
    l.lastSeq = Math.max(l.lastSeq, snap.data.seq);
  }
  return snap;
}

async function connectAll(url: string, editors: WorkerEditor[]): Promise<number> {
  let failed = 0;
  // Bounded concurrency: a realistic ramp, and the server is not measured while connecting.
  for (let i = 0; i < editors.length; i += 25) {
    const batch = await Promise.allSettled(editors.slice(i, i + 25).map((e) => connectOne(url, e)));
    for (const r of batch) {
      if (r.status === 'fulfilled') live.push(r.value);
      else failed++;
    }
  }
  return failed;
}

async function run(startAt: number, ratePerSec: number, warmupMs: number, durationMs: number, drainMs: number, bodyChars: number): Promise<void> {
  samples = [];
  received = 0;
  drops = 0;
  mix = { sends: [], receipts: [], gaps: [] };
  let sent = 0;
  let acked = 0;
  const ackErrors: Record<string, number> = {};
  const sentByRoom: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  const interval = 1000 / ratePerSec;
  // One instant for every process, so all agree on which ops are warm-up.
  const start = startAt;
  measureFrom = start + warmupMs;
  const total = warmupMs + durationMs;
  measuring = true;
  stopRequested = false;

  const fire = (l: Live) => {
    const { e, s } = l;
    const ts = now();
    const at = Math.floor(Math.random() * (bodyChars - 20));
    const counted = ts >= measureFrom;
    if (counted) {
      sent++;
      sentByRoom[e.room] = (sentByRoom[e.room] ?? 0) + 1;
    }
    const count = (ok: boolean, code: string) => {
      if (!counted) return;
      if (ok) acked++;
      else ackErrors[code] = (ackErrors[code] ?? 0) + 1;
    };
    if (mode === 'desk' && mixMode) {
      const cmd = l.view.command(pickOp(), e.room, bodyChars, ts);
      const done = cmd ? ((s as unknown as DeskSocket).timeout(30_000).emitWithAck(cmd.name, cmd.payload as never) as Promise<Ack<CommandResult>>) : rejoin(l);
      pending.push(
        done.then(
          (a: Ack<unknown>) => {
            count(a.ok, a.ok ? '' : a.error.code);
            if (!cmd || !a.ok || !counted) return;
            const r = a.data as CommandResult;
            // Only a command whose own event came back under its name has an event to time.
            if (!r.duplicate && l.own.has(r.seq)) mix.sends.push([e.room, r.seq, ts, e.userId]);
          },
          () => count(false, 'timeout'),
        ),
      );
    } else if (mode === 'desk') {
      const payload = { commandId: randomUUID(), testimonyId: e.room, start: at, end: at + 5, category: 'person' as const, reason: `b:${ts}` };
      pending.push(
        (s as unknown as DeskSocket)
          .timeout(30_000)
          .emitWithAck('redaction.propose', payload)
          .then((a: Ack<CommandResult>) => count(a.ok, a.ok ? '' : a.error.code), () => count(false, 'timeout')),
      );
    } else {
      const op: FloorOp = { room: e.room, ts, from: e.userId, start: at, end: at + 5 };
      pending.push(s.timeout(30_000).emitWithAck('op', op).then((ok: boolean) => count(ok, 'floor'), () => count(false, 'timeout')));
    }
  };

  // Presence at 2 Hz per editor in the mix (a cursor moving), on both servers.
  const presence = mixMode ? live.map((l) => setTimeout(() => presenceLoop(l, start + total), Math.random() * 500)) : [];
  // Each editor on a fixed schedule with a random phase, so load is steady, not in waves.
  await Promise.all(
    live.map(
      (l) =>
        new Promise<void>((res) => {
          let next = start + Math.random() * interval;
          const tick = () => {
            if (now() - start >= total || stopRequested) return res();
            fire(l);
            next += interval;
            setTimeout(tick, Math.max(0, next - now()));
          };
          setTimeout(tick, Math.max(0, next - now()));
        }),
    ),
  );
  await Promise.all(pending);
  for (const t of presence) clearTimeout(t);
  await new Promise((r) => setTimeout(r, drainMs));
  measuring = false;
  send({ type: 'done', sent, acked, ackErrors, received, samples, sentByRoom, drops, mix });
}

function presenceLoop(l: Live, until: number): void {
  if (now() >= until || !l.s.connected) return;
  const at = Math.floor(Math.random() * 2_000);
  if (mode === 'desk') l.s.emit('presence.update', { testimonyId: l.e.room, selection: { start: at, end: at + 8 }, paragraph: at % 12, idle: false });
  else l.s.emit('presence', { room: l.e.room, from: l.e.userId, at });
  setTimeout(() => presenceLoop(l, until), 500);
}

process.on('message', (m: ToWorker) => {
  if (m.type === 'connect') {
    mode = m.mode;
    live = [];
    void connectAll(m.url, m.editors).then((failed) => send({ type: 'ready', failed }));
  } else if (m.type === 'go') {
    mixMode = m.mix === true;
    void run(m.startAt, m.ratePerSec, m.warmupMs, m.durationMs, m.drainMs, m.bodyChars);
  } else if (m.type === 'stop') {
    stopRequested = true;
  } else if (m.type === 'disconnect') {
    for (const l of live) l.s.close();
    live = [];
    send({ type: 'closed' });
  }
});
process.on('disconnect', () => process.exit(0));
