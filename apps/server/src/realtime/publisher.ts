import type { TestimonyEvent } from '@desk/protocol';
import type { Publisher } from '../commands/context.ts';
import { QUEUE_ROOM, sessionRoom, testimonyRoom, userRoom, type DeskServer, type Relay } from './types.ts';

/** Delivers one relay message to the clients connected to this process. */
function deliverLocally(io: DeskServer, r: Relay): void {
  switch (r.kind) {
    case 'events': {
      // One message per room: a socket write per event was most of a busy room's cost.
      const byTestimony = new Map<string, TestimonyEvent[]>();
      for (const e of r.events) {
        const list = byTestimony.get(e.testimonyId);
        if (list) list.push(e);
        else byTestimony.set(e.testimonyId, [e]);
      }
      for (const [testimonyId, events] of byTestimony) io.local.to(testimonyRoom(testimonyId)).emit('testimony.events', { testimonyId, events });
      break;
    }
    case 'queue':
      io.local.to(QUEUE_ROOM).emit('queue.changed', { testimony: r.testimony });
      break;
    case 'conflict':
      io.local.to(userRoom(r.userId)).emit('conflict.notice', r.notice);
      break;
    case 'revoke':
      // Written before the close; engine.io flushes the buffer before closing the transport.
      io.local.to(userRoom(r.userId)).emit('session.revoked', { reason: r.reason });
      io.local.in(userRoom(r.userId)).disconnectSockets(true);
      break;
    case 'revoke-session':
      io.local.to(sessionRoom(r.sessionId)).emit('session.revoked', { reason: r.reason });
      io.local.in(sessionRoom(r.sessionId)).disconnectSockets(true);
      break;
  }
}

/**
 * Broadcasts committed events. Clients on this process get them at once, in commit order;
 * other processes get one relay message per command through the Postgres adapter and deliver
 * it to their own clients. (A plain `io.to(room).emit` would hold even local delivery until
 * the NOTIFY round trip finished, and could reorder two events whose NOTIFYs raced on
 * different pool connections.) Clients still order by `seq`, since two processes' relays can
 * arrive in either order.
 */
export function socketPublisher(io: DeskServer, clustered: boolean): Publisher {
  if (clustered) io.on('desk.relay', (r) => deliverLocally(io, r));
  const send = (r: Relay) => {
    deliverLocally(io, r);
    if (!clustered) return;
    // The adapter knows the live nodes from their heartbeats (it answers at once); with no
    // other node there is nobody to relay to, and a NOTIFY per command is saved. A node that
    // starts between two heartbeats may miss a relay: its clients see the seq gap and sync.
    void io.of('/').adapter.serverCount().then((n) => {
      if (n > 1) io.serverSideEmit('desk.relay', r);
    });
  };
  return {
    testimonyEvents(events) {
      if (events.length > 0) send({ kind: 'events', events });
    },
    queueChanged(testimony) {
      send({ kind: 'queue', testimony });
    },
    conflict(userId, notice) {
      send({ kind: 'conflict', userId, notice });
    },
    userRevoked(userId, reason) {
      send({ kind: 'revoke', userId, reason });
    },
    sessionRevoked(sessionId, reason) {
      send({ kind: 'revoke-session', sessionId, reason });
    },
  };
}
