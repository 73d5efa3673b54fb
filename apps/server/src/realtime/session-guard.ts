import type { Ctx } from '../commands/context.ts';
import { sessionCaller } from '../commands/auth.commands.ts';
import { AppError } from '../errors.ts';
import { findLiveSession } from '../repo/sessions.repo.ts';
import { sessionRoom, type DeskSocket } from './types.ts';

/** setTimeout's ceiling (~24.8 days); a later expiry is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const gone = () => new AppError('unauthenticated', 'Your session has ended; please sign in again');

/** Tells the client why, then closes the connection (the client does not reconnect by itself). */
export function endSocket(socket: DeskSocket, reason: string): void {
  if (!socket.connected) return;
  socket.emit('session.revoked', { reason });
  socket.disconnect(true);
}

/**
 * Closes the socket the moment its session expires. Logout, disable, role change and password
 * reset close it through the publisher (`session.revoked`, every process); this timer covers
 * the one end nobody announces.
 */
export function armExpiry(socket: DeskSocket): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = socket.data.session.expiresAt - Date.now();
    if (left <= 0) return endSocket(socket, 'Your session expired; please sign in again');
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.on('disconnect', () => clearTimeout(timer));
}

/**
 * The cheap part of the check, for every event including presence: a socket being closed
 * or past its session's expiry gets nothing more done.
 */
export function assertSessionOpen(socket: DeskSocket): void {
  if (!socket.connected || Date.now() >= socket.data.session.expiresAt) throw gone();
}

/**
 * Before every command, join and sync: the session must still be live. The row is re-read
 * when the last read is older than `DESK_SESSION_CHECK_SECONDS` (0: every time), which also
 * catches a session ended where no announcement reached this process; the caller seen by
 * commands is refreshed from it.
 */
export async function ensureSession(ctx: Ctx, socket: DeskSocket): Promise<void> {
  assertSessionOpen(socket);
  const { session, caller } = socket.data;
  if (Date.now() - session.checkedAt < ctx.config.sessionCheckMs) return;
  const found = caller.sessionId ? await findLiveSession(ctx.db, caller.sessionId) : undefined;
  if (!found) {
    // After this event's typed error has been answered.
    setImmediate(() => endSocket(socket, 'Your session has ended; please sign in again'));
    throw gone();
  }
  socket.data.caller = sessionCaller(found);
  socket.data.session = { expiresAt: found.session.expiresAt.getTime(), checkedAt: Date.now() };
}

/**
 * Joins the socket to its session's room during the handshake (so parallel handshakes are
 * counted exactly) and refuses one beyond `DESK_MAX_SOCKETS_PER_SESSION` on this process.
 */
export function admitToSession(ctx: Ctx, socket: DeskSocket, sessionId: string): boolean {
  const room = sessionRoom(sessionId);
  const open = socket.nsp.adapter.rooms.get(room)?.size ?? 0;
  if (open >= ctx.config.maxSocketsPerSession) return false;
  void socket.join(room);
  return true;
}
