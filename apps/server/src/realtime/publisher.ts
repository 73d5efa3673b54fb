import type { Publisher } from '../commands/context.ts';
import { QUEUE_ROOM, testimonyRoom, userRoom, type DeskServer } from './types.ts';

/**
 * Broadcasts committed events through Socket.IO rooms. With the Postgres adapter the rooms
 * span every server process, so a client on another node sees the same ordered stream.
 */
export function socketPublisher(io: DeskServer): Publisher {
  return {
    testimonyEvents(events) {
      for (const e of events) io.to(testimonyRoom(e.testimonyId)).emit('testimony.event', e);
    },
    queueChanged(testimony) {
      io.to(QUEUE_ROOM).emit('queue.changed', { testimony });
    },
    conflict(userId, notice) {
      io.to(userRoom(userId)).emit('conflict.notice', notice);
    },
    userRevoked(userId, reason) {
      io.to(userRoom(userId)).emit('session.revoked', { reason });
      io.in(userRoom(userId)).disconnectSockets(true);
    },
  };
}
