import { PresenceUpdate } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { AppError } from '../../errors.ts';
import type { PresenceHub } from '../presence.ts';
import type { TokenBucket } from '../rate-limit.ts';
import { TESTIMONY_ROOM_PREFIX, testimonyRoom, type DeskSocket } from '../types.ts';
import { guarded } from './reply.ts';
import { assertSessionOpen } from '../session-guard.ts';

/**
 * Presence is ephemeral: it lives on the socket (`socket.data.presence`) and dies with it.
 * Updates are validated and only accepted for rooms the socket has joined (joining is what
 * is authorised), and broadcasts are coalesced by the hub, so a client moving its selection
 * quickly costs one broadcast per interval, not one per event.
 */
export function registerPresenceHandlers(ctx: Ctx, socket: DeskSocket, hub: PresenceHub, bucket: TokenBucket): void {
  socket.data.presence = {};

  const update = guarded(ctx, 'presence.update', PresenceUpdate, async (p) => {
    assertSessionOpen(socket);
    if (!bucket.take()) throw new AppError('rate_limited', 'Too many presence updates; slow down');
    if (!socket.rooms.has(testimonyRoom(p.testimonyId))) throw new AppError('forbidden', 'Join the testimony first');
    socket.data.presence[p.testimonyId] = { selection: p.selection, paragraph: p.paragraph, idle: p.idle };
    hub.changed(p.testimonyId, false);
    return null;
  });
  // The ack is optional for presence (fire-and-forget from a cursor handler).
  socket.on('presence.update', (payload: unknown, ack?: unknown) => void update(payload, typeof ack === 'function' ? ack : () => {}));

  // Rooms are still listed while disconnecting; the hub's broadcast runs after the socket is gone.
  socket.on('disconnecting', () => {
    for (const room of socket.rooms) {
      if (room.startsWith(TESTIMONY_ROOM_PREFIX)) hub.changed(room.slice(TESTIMONY_ROOM_PREFIX.length), true);
    }
  });
}

/** Called by the room handlers once a join or leave has happened. */
export function presenceJoined(socket: DeskSocket, hub: PresenceHub, testimonyId: string): void {
  socket.data.presence[testimonyId] = { selection: null, paragraph: null, idle: false };
  hub.changed(testimonyId, true);
}

export function presenceLeft(socket: DeskSocket, hub: PresenceHub, testimonyId: string): void {
  delete socket.data.presence[testimonyId];
  hub.changed(testimonyId, true);
}
