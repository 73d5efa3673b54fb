import { createHash, randomUUID } from 'node:crypto';
import type { Ack, CommandResult, ConflictNotice, PresenceMember, RedactionDto, SyncResult, TestimonyEvent, TestimonySnapshot } from '@desk/protocol';
import { connectSocket, emitAck, loginCookie, type ClientSocket } from './harness.ts';
import type { BuiltUser } from './factories.ts';

export type ClientUser = Pick<BuiltUser, 'id' | 'email' | 'password' | 'name'>;

/**
 * A minimal protocol client for tests: applies `testimony.events` strictly in seq order,
 * holds back anything after a gap and fills it with `testimony.sync`, and keeps the redaction
 * set so tests can compare what different people see.
 */
export class DeskClient {
  readonly redactions = new Map<string, RedactionDto>();
  readonly events: TestimonyEvent[] = [];
  readonly notices: ConflictNotice[] = [];
  presence: PresenceMember[] = [];
  seq = 0;
  private pending = new Map<number, TestimonyEvent>();
  private syncing = false;

  constructor(
    readonly socket: ClientSocket,
    readonly user: ClientUser,
    readonly testimonyId: string,
  ) {
    socket.on('testimony.events', (p) => {
      if (p.testimonyId !== this.testimonyId) return;
      for (const e of p.events) this.pending.set(e.seq, e);
      this.drain();
      // A gap: fetch what is missing (a failure here is retried by the next event or sync).
      if (this.pending.size > 0) this.sync().catch(() => {});
    });
    socket.on('conflict.notice', (n) => this.notices.push(n));
    socket.on('presence.state', (p) => {
      if (p.testimonyId === this.testimonyId) this.presence = p.members;
    });
  }

  static async open(base: string, user: ClientUser, testimonyId: string): Promise<DeskClient> {
    const socket = await connectSocket(base, await loginCookie(base, user.email, user.password));
    const c = new DeskClient(socket, user, testimonyId);
    await c.join();
    return c;
  }

  async join(): Promise<TestimonySnapshot> {
    const ack = await emitAck<Ack<TestimonySnapshot>>(this.socket, 'testimony.join', { testimonyId: this.testimonyId });
    if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
    this.load(ack.data);
    return ack.data;
  }

  private load(s: TestimonySnapshot): void {
    this.redactions.clear();
    for (const r of s.redactions) this.redactions.set(r.id, r);
    this.seq = s.seq;
    for (const k of [...this.pending.keys()]) if (k <= this.seq) this.pending.delete(k);
    this.drain();
  }

  private drain(): void {
    for (let e = this.pending.get(this.seq + 1); e; e = this.pending.get(this.seq + 1)) {
      this.pending.delete(e.seq);
      this.apply(e);
    }
    for (const k of [...this.pending.keys()]) if (k <= this.seq) this.pending.delete(k);
  }

  private apply(e: TestimonyEvent): void {
    this.seq = e.seq;
    this.events.push(e);
    switch (e.type) {
      case 'redaction.proposed':
        this.redactions.set(e.payload.redaction.id, e.payload.redaction);
        break;
      case 'redaction.updated':
        this.redactions.set(e.payload.redaction.id, e.payload.redaction);
        break;
      case 'redaction.removed':
        this.redactions.delete(e.payload.redactionId);
        break;
      case 'redactions.suggested':
      case 'redactions.updated':
        for (const r of e.payload.redactions) this.redactions.set(r.id, r);
        break;
      default:
        break;
    }
  }

  /** Asks for what was missed since the last applied seq (replay or a fresh snapshot). */
  async sync(): Promise<SyncResult['mode']> {
    if (this.syncing) return 'events';
    this.syncing = true;
    try {
      const ack = await emitAck<Ack<SyncResult>>(this.socket, 'testimony.sync', { testimonyId: this.testimonyId, sinceSeq: this.seq });
      if (!ack.ok) throw new Error(`sync failed: ${ack.error.code}`);
      if (ack.data.mode === 'snapshot') this.load(ack.data.snapshot);
      else {
        for (const e of ack.data.events) if (e.seq > this.seq) this.pending.set(e.seq, e);
        this.drain();
      }
      return ack.data.mode;
    } finally {
      this.syncing = false;
    }
  }

  command(name: string, payload: Record<string, unknown>): Promise<Ack<CommandResult>> {
    return emitAck<Ack<CommandResult>>(this.socket, name, { commandId: randomUUID(), testimonyId: this.testimonyId, ...payload });
  }

  /** Order-independent fingerprint of the redaction set as this client sees it. */
  hash(): string {
    const rows = [...this.redactions.values()]
      .map((r) => [r.id, r.start, r.end, r.category, r.state, r.rev, r.entityGroupId].join('|'))
      .sort();
    return createHash('sha256').update(rows.join('\n')).digest('hex');
  }

  close(): void {
    this.socket.close();
  }
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function ok<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}
