import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import type { Ctx } from '../commands/context.ts';
import { authenticateSession } from '../commands/auth.commands.ts';
import type { CommandBudget } from '../commands/budget.ts';
import { isAllowedOrigin, ownOriginOf } from '../http/middleware/origin.ts';
import { tokenFromCookieHeader } from '../http/middleware/session.ts';
import { TokenBucket } from './rate-limit.ts';
import { registerCommandHandlers } from './handlers/commands.handler.ts';
import { registerRoomHandlers } from './handlers/room.handler.ts';
import { presenceJoined, presenceLeft, registerPresenceHandlers } from './handlers/presence.handler.ts';
import { PresenceHub } from './presence.ts';
import { admitToSession, armExpiry } from './session-guard.ts';
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
    // Cross-site WebSocket hijacking defence: the browser's Origin must be a public origin.
    allowRequest: (req, cb) => {
      const ok = isAllowedOrigin(req.headers.origin, ownOriginOf(req), ctx.config.publicOrigins);
      cb(ok ? null : 'origin not allowed', ok);
    },
  });
  if (isClustered(ctx.config, pool)) {
    io.adapter(createAdapter(pool, { errorHandler: (err) => ctx.logger.warn({ err: err.message }, 'socket adapter error') }));
  }
  return io;
}

type Hooks = { joined: (socketId: string, testimonyId: string) => void; left: (socketId: string, testimonyId: string) => void; connected?: (socket: DeskSocket) => void };

/** Handshake authentication from the session cookie; then per-socket handlers. */
export function attachSocketHandlers(io: DeskServer, ctx: Ctx, budget: CommandBudget, hooks: Hooks): void {
  io.use(async (socket, next) => {
    try {
      const found = await authenticateSession(ctx, tokenFromCookieHeader(socket.handshake.headers.cookie));
      if (!found?.caller.sessionId) return next(new Error('unauthenticated'));
      if (!admitToSession(ctx, socket, found.caller.sessionId)) return next(new Error('too many connections for this session'));
      socket.data.caller = found.caller;
      socket.data.session = { expiresAt: found.expiresAt.getTime(), checkedAt: Date.now() };
      next();
    } catch {
      next(new Error('unauthenticated'));
    }
  });

  const presence = new PresenceHub(io, ctx.logger);

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.caller.id));
    armExpiry(socket);
    // Cursor moves are frequent and cheap (coalesced by the hub); they get their own
    // per-connection budget so a busy selection never starves the editor's commands.
    const presenceBucket = new TokenBucket(ctx.config.commandBurst, ctx.config.commandRate);
    registerCommandHandlers(ctx, socket, budget);
    registerPresenceHandlers(ctx, socket, presence, presenceBucket);
    registerRoomHandlers(ctx, socket, budget, {
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
