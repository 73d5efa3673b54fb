import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { Ctx } from '../commands/context.ts';
import { authenticate } from '../commands/auth.commands.ts';
import { isAllowedOrigin } from '../http/middleware/origin.ts';
import { tokenFromCookieHeader } from '../http/middleware/session.ts';
import { TokenBucket } from './rate-limit.ts';
import { registerCommandHandlers } from './handlers/commands.handler.ts';
import { registerRoomHandlers } from './handlers/room.handler.ts';
import { presenceJoined, presenceLeft, registerPresenceHandlers } from './handlers/presence.handler.ts';
import { PresenceHub } from './presence.ts';
import { userRoom, type DeskServer, type DeskSocket } from './types.ts';

/** Rooms span processes through Postgres unless explicitly turned off (or there is no pool). */
export const isClustered = (config: Ctx['config'], pool: pg.Pool | null): pool is pg.Pool => pool !== null && config.adapter !== 'none';

/** Largest socket message accepted; a redact-all or comment is far smaller. */
export const MAX_SOCKET_BYTES = 64 * 1024;

export function createIo(ctx: Omit<Ctx, 'publish'>, http: HttpServer, pool: pg.Pool | null): DeskServer {
  const io: DeskServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_BYTES,
    // Cross-site WebSocket hijacking defence: the browser's Origin must be our own host.
    allowRequest: (req, cb) => {
      const ok = isAllowedOrigin(req.headers.origin, req.headers.host, ctx.config.allowedOrigins);
      cb(ok ? null : 'origin not allowed', ok);
    },
  });
  if (isClustered(ctx.config, pool)) {
    io.adapter(createAdapter(pool, { errorHandler: (err) => ctx.logger.warn({ err: err.message }, 'socket adapter error') }));
  }
  return io;
}

/** Handshake authentication from the session cookie; then per-socket handlers. */
export function attachSocketHandlers(io: DeskServer, ctx: Ctx, hooks: { joined: (socketId: string, testimonyId: string) => void; left: (socketId: string, testimonyId: string) => void; connected?: (socket: DeskSocket) => void }): void {
  io.use(async (socket, next) => {
    try {
      const caller = await authenticate(ctx, tokenFromCookieHeader(socket.handshake.headers.cookie));
      if (!caller) return next(new Error('unauthenticated'));
      socket.data.caller = caller;
      next();
    } catch {
      next(new Error('unauthenticated'));
    }
  });

  const presence = new PresenceHub(io, ctx.logger);
  const burst = Number(process.env.DESK_SOCKET_BURST ?? 60);
  const rate = Number(process.env.DESK_SOCKET_RATE ?? 30);

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.caller.id));
    const bucket = new TokenBucket(burst, rate);
    // Cursor moves are frequent and cheap (coalesced by the hub); they get their own budget
    // so a busy selection never starves the editor's commands.
    const presenceBucket = new TokenBucket(burst, rate);
    registerCommandHandlers(ctx, socket, bucket);
    registerPresenceHandlers(ctx, socket, presence, presenceBucket);
    registerRoomHandlers(ctx, socket, bucket, {
      joined: (id) => {
        presenceJoined(socket, presence, id);
        hooks.joined(socket.id, id);
      },
      left: (id) => {
        presenceLeft(socket, presence, id);
        hooks.left(socket.id, id);
      },
      queue: () => presence.queueSubscribed(),
    });
    hooks.connected?.(socket);
  });
}
