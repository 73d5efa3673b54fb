import { PRESENCE_MIN_INTERVAL_MS, presenceColor, type PresenceMember, type QueueViewer } from '@desk/protocol';
import type { Logger } from '../logger.ts';
import { QUEUE_ROOM, testimonyRoom, type DeskServer, type SocketData } from './types.ts';

/** The dashboard's "who is on which testimony" changes slowly; once a second is plenty. */
const QUEUE_MIN_INTERVAL_MS = 1_000;

type Member = { id: string; data: SocketData };

/**
 * Coalescing throttle: however many changes arrive, `run` starts at most once per interval
 * per key, and a change that arrives while it is waiting or running is covered by one more
 * run afterwards (so the last state is always sent).
 */
class Throttle {
  private readonly state = new Map<string, { last: number; timer: NodeJS.Timeout | null; running: boolean; again: boolean }>();
  constructor(
    private readonly intervalMs: number,
    private readonly run: (key: string) => Promise<void>,
  ) {}

  poke(key: string): void {
    const s = this.state.get(key) ?? { last: 0, timer: null, running: false, again: false };
    this.state.set(key, s);
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    const wait = Math.max(0, s.last + this.intervalMs - Date.now());
    s.timer = setTimeout(() => void this.fire(key), wait);
    // Never the reason a closing server stays alive.
    s.timer.unref();
  }

  private async fire(key: string): Promise<void> {
    const s = this.state.get(key);
    if (!s) return;
    s.timer = null;
    s.running = true;
    s.last = Date.now();
    try {
      await this.run(key);
    } finally {
      s.running = false;
      if (s.again) {
        s.again = false;
        this.poke(key);
      } else if (!s.timer) this.state.delete(key);
    }
  }

  stop(): void {
    for (const s of this.state.values()) if (s.timer) clearTimeout(s.timer);
    this.state.clear();
  }
}

/**
 * Broadcasts who is in each testimony room and what they are looking at. State is read from
 * every node with `fetchSockets()` (through the adapter), so each broadcast is complete even
 * when editors of one testimony are connected to different server processes.
 */
export class PresenceHub {
  private readonly rooms: Throttle;
  private readonly queue: Throttle;

  constructor(
    private readonly io: DeskServer,
    private readonly logger: Logger,
  ) {
    this.rooms = new Throttle(PRESENCE_MIN_INTERVAL_MS, (id) => this.broadcastRoom(id));
    this.queue = new Throttle(QUEUE_MIN_INTERVAL_MS, () => this.broadcastQueue());
  }

  /** A socket joined, left, or changed what it is doing in a testimony room. */
  changed(testimonyId: string, membership: boolean): void {
    this.rooms.poke(testimonyId);
    if (membership) this.queue.poke('queue');
  }

  /** A dashboard subscribed: it needs the current picture without waiting for a change. */
  queueSubscribed(): void {
    this.queue.poke('queue');
  }

  stop(): void {
    this.rooms.stop();
    this.queue.stop();
  }

  static members(testimonyId: string, sockets: Member[]): PresenceMember[] {
    const out: PresenceMember[] = [];
    for (const s of sockets) {
      const p = s.data.presence?.[testimonyId];
      if (!p || !s.data.caller) continue;
      const { id, name, role } = s.data.caller;
      out.push({ socketId: s.id, user: { id, name, role }, color: presenceColor(id), selection: p.selection, paragraph: p.paragraph, idle: p.idle });
    }
    return out.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.socketId.localeCompare(b.socketId));
  }

  /** One entry per person per testimony, however many tabs they have open. */
  static viewers(sockets: Member[]): Record<string, QueueViewer[]> {
    const byTestimony: Record<string, Map<string, QueueViewer>> = {};
    for (const s of sockets) {
      if (!s.data.caller) continue;
      const { id, name, role } = s.data.caller;
      for (const testimonyId of Object.keys(s.data.presence ?? {})) {
        const m = (byTestimony[testimonyId] ??= new Map());
        m.set(id, { user: { id, name, role }, color: presenceColor(id) });
      }
    }
    return Object.fromEntries(Object.entries(byTestimony).map(([k, m]) => [k, [...m.values()]]));
  }

  private async broadcastRoom(testimonyId: string): Promise<void> {
    try {
      const sockets = await this.io.in(testimonyRoom(testimonyId)).fetchSockets();
      this.io.to(testimonyRoom(testimonyId)).emit('presence.state', { testimonyId, members: PresenceHub.members(testimonyId, sockets) });
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, testimonyId }, 'presence broadcast failed');
    }
  }

  private async broadcastQueue(): Promise<void> {
    try {
      // Nobody is watching the dashboard: skip the cluster-wide scan.
      if ((await this.io.in(QUEUE_ROOM).fetchSockets()).length === 0) return;
      const sockets = await this.io.fetchSockets();
      this.io.to(QUEUE_ROOM).emit('queue.presence', { viewers: PresenceHub.viewers(sockets) });
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'queue presence broadcast failed');
    }
  }
}
