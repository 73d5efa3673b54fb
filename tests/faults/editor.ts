import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ApiError, CommandResult, SyncResult, TestimonyEvent, TestimonyEvents, TestimonySnapshot } from '@desk/protocol';
import { CATEGORIES } from '@desk/protocol';
import { RedactionSet } from './redaction-set.ts';

type Sock = Socket;
type Cmd = { name: 'redaction.propose' | 'redaction.decide' | 'entity.decide' | 'comment.add'; payload: Record<string, unknown>; sentAt: number; sends: number };

const ACK_TIMEOUT = 8_000;

function call<T>(s: Sock, event: string, payload: unknown): Promise<Ack<T>> {
  return s.timeout(ACK_TIMEOUT).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/**
 * A simulated editor, written the way a real client must be: every command carries a
 * client-made commandId and stays pending until acknowledged; after a reconnect the client
 * joins, replays what it missed (`testimony.sync` since its last seq) and resends every
 * pending command with the same id. Its redaction set is built only from the stream.
 */
export class Editor {
  readonly set = new RedactionSet();
  readonly pending = new Map<string, Cmd>();
  readonly acked = new Map<string, { name: string; duplicate: boolean }>();
  readonly refused = new Map<string, ApiError>();
  readonly sent = new Set<string>();
  /** Entity groups of the testimony (from the first snapshot), for entity-group decisions. */
  groups: string[] = [];
  lastSeq = 0;
  synced = false;
  resends = 0;
  working = false;
  private joined = false;
  private syncing: Promise<void> | null = null;
  private readonly buffer = new Map<number, TestimonyEvent>();
  private readonly socket: Sock;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    url: string,
    cookie: string,
    private readonly testimonyId: string,
    private readonly body: string,
  ) {
    this.socket = io(url, { transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500, timeout: 5_000 });
    this.socket.on('connect', () => void this.onConnect());
    this.socket.on('disconnect', () => (this.synced = false));
    this.socket.on('testimony.events', (p: TestimonyEvents) => {
      if (p.testimonyId !== this.testimonyId) return;
      for (const e of p.events) this.buffer.set(e.seq, e);
      this.drain();
    });
    this.timer = setInterval(() => this.tick(), 250 + Math.random() * 500);
  }

  get settled(): boolean {
    return this.socket.connected && this.synced && this.pending.size === 0 && this.syncing === null;
  }

  private async onConnect(): Promise<void> {
    this.synced = false;
    for (let attempt = 0; this.socket.connected; attempt++) {
      try {
        const res = await call<TestimonySnapshot>(this.socket, 'testimony.join', { testimonyId: this.testimonyId });
        if (!res.ok) throw new Error(res.error.code);
        if (!this.joined) {
          this.set.reset(res.data.redactions);
          this.groups = res.data.groups.map((g) => g.id);
          this.lastSeq = res.data.seq;
          this.joined = true;
          this.drain();
        } else {
          await this.sync();
        }
        this.synced = true;
        for (const id of this.pending.keys()) this.send(id);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200 + attempt * 100));
      }
    }
  }

  /** Replays events after `lastSeq`; a long absence comes back as a fresh snapshot. */
  sync(): Promise<void> {
    this.syncing ??= (async () => {
      try {
        const res = await call<SyncResult>(this.socket, 'testimony.sync', { testimonyId: this.testimonyId, sinceSeq: this.lastSeq });
        if (!res.ok) throw new Error(res.error.code);
        if (res.data.mode === 'snapshot') {
          this.set.reset(res.data.snapshot.redactions);
          this.lastSeq = res.data.snapshot.seq;
        } else {
          for (const e of res.data.events) this.buffer.set(e.seq, e);
        }
        this.drain();
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  private drain(): void {
    if (!this.joined) return;
    for (const seq of this.buffer.keys()) if (seq <= this.lastSeq) this.buffer.delete(seq);
    for (let e = this.buffer.get(this.lastSeq + 1); e; e = this.buffer.get(this.lastSeq + 1)) {
      this.set.apply(e);
      this.buffer.delete(e.seq);
      this.lastSeq = e.seq;
    }
    // A hole in the stream (an event lost with a killed node): fetch it instead of waiting.
    if (this.buffer.size > 0 && this.socket.connected && this.synced) void this.sync().catch(() => {});
  }

  private tick(): void {
    if (!this.socket.connected || !this.synced) return;
    const now = Date.now();
    for (const [id, c] of this.pending) if (now - c.sentAt > ACK_TIMEOUT) this.send(id);
    if (this.working && Math.random() < 0.6) this.issue();
  }

  /**
   * The review mix (as in bench:realtime, without joins): single decisions, entity-group decisions,
   * comments and proposals, so each kind of command is in flight when a node is killed.
   */
  private issue(): void {
    const base = { commandId: randomUUID(), testimonyId: this.testimonyId };
    const spans = [...this.set.spans.values()];
    const target = spans[Math.floor(Math.random() * spans.length)];
    const group = this.groups[Math.floor(Math.random() * this.groups.length)];
    const r = Math.random();
    let cmd: Cmd;
    if (target && r < 0.35) {
      const decision = Math.random() < 0.5 ? 'accepted' : 'rejected';
      cmd = { name: 'redaction.decide', payload: { ...base, redactionId: target.id, decision, expectedRev: target.rev }, sentAt: 0, sends: 0 };
    } else if (group && r < 0.45) {
      cmd = { name: 'entity.decide', payload: { ...base, entityGroupId: group, decision: Math.random() < 0.7 ? 'accepted' : 'rejected' }, sentAt: 0, sends: 0 };
    } else if (r < 0.55) {
      cmd = { name: 'comment.add', payload: { ...base, body: `Check this — ${base.commandId.slice(0, 8)} 🕊️ مراجعة` }, sentAt: 0, sends: 0 };
    } else {
      const [start, end] = this.randomSpan();
      const category = CATEGORIES[Math.floor(Math.random() * CATEGORIES.length)];
      cmd = { name: 'redaction.propose', payload: { ...base, start, end, category }, sentAt: 0, sends: 0 };
    }
    this.pending.set(base.commandId, cmd);
    this.send(base.commandId);
  }

  /** A span on code-point boundaries, so every proposal is valid and must be applied. */
  private randomSpan(): [number, number] {
    const low = (i: number) => /[\uDC00-\uDFFF]/.test(this.body[i] ?? '');
    let start = Math.floor(Math.random() * (this.body.length - 1));
    let end = Math.min(this.body.length, start + 1 + Math.floor(Math.random() * 20));
    if (low(start)) start -= 1;
    if (end < this.body.length && low(end)) end += 1;
    return [start, end];
  }

  private send(commandId: string): void {
    const c = this.pending.get(commandId);
    if (!c || !this.socket.connected) return;
    if (c.sends > 0) this.resends += 1;
    c.sends += 1;
    c.sentAt = Date.now();
    this.sent.add(commandId);
    this.socket.timeout(ACK_TIMEOUT).emit(c.name, c.payload, (err: Error | null, res: Ack<CommandResult>) => {
      // No ack (timeout, or the node died): the command stays pending and is resent as is.
      if (err || !this.pending.has(commandId)) return;
      this.pending.delete(commandId);
      if (res.ok) this.acked.set(commandId, { name: c.name, duplicate: res.data.duplicate });
      else this.refused.set(commandId, res.error);
    });
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.socket.close();
  }
}
