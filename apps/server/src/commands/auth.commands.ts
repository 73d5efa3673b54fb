import type { LoginBody } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { dummyHash, verifyPassword } from '../auth/password.ts';
import { newToken, sessionIdOf } from '../auth/tokens.ts';
import { deleteSession, findLiveSession, insertSession } from '../repo/sessions.repo.ts';
import { findUserByEmail, updateUser, type UserRow } from '../repo/users.repo.ts';
import { appendEvent, lockSystemStream, SYSTEM_STREAM } from '../repo/audit.repo.ts';
import type { Caller, Ctx } from './context.ts';

const LOCK_MINUTES = 15;

/**
 * Verifies a password and opens a fresh session (a new random token every login, so a
 * planted cookie can never be promoted). Repeated failures lock the account for a while.
 */
export async function login(
  ctx: Ctx,
  body: LoginBody,
  meta: { userAgent: string | null; previousToken: string | null },
): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const user = await findUserByEmail(ctx.db, body.email);
  if (!user) {
    await verifyPassword(await dummyHash(), body.password);
    throw new AppError('unauthenticated', 'Wrong email or password');
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError('locked', `Too many failed sign-ins: this account is locked for ${minutes} more minute(s)`);
  }
  const ok = await verifyPassword(user.passwordHash, body.password);
  if (!ok) {
    const failed = user.failedLogins + 1;
    const lock = failed >= ctx.config.loginMaxAttempts;
    await updateUser(ctx.db, user.id, {
      failedLogins: lock ? 0 : failed,
      lockedUntil: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : user.lockedUntil,
    });
    await audit(ctx, null, 'auth.failed', { email: user.email, locked: lock });
    throw new AppError('unauthenticated', 'Wrong email or password');
  }
  if (user.disabled) throw new AppError('forbidden', 'This account is disabled');

  if (meta.previousToken) await endSession(ctx, sessionIdOf(meta.previousToken), 'You signed in again elsewhere in this browser');
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
  await ctx.db.transaction(async (tx) => {
    await insertSession(tx, { id: sessionIdOf(token), userId: user.id, expiresAt, userAgent: meta.userAgent?.slice(0, 300) ?? null });
    await updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null });
  });
  await audit(ctx, user.id, 'auth.login', {});
  return { token, user, expiresAt };
}

/** Deletes a session and closes its open sockets on every process at once. */
async function endSession(ctx: Ctx, sessionId: string, reason: string): Promise<void> {
  await deleteSession(ctx.db, sessionId);
  ctx.publish.sessionRevoked(sessionId, reason);
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  const found = await findLiveSession(ctx.db, sessionIdOf(token));
  await endSession(ctx, sessionIdOf(token), 'You signed out');
  if (found) await audit(ctx, found.user.id, 'auth.logout', {});
}

type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

export const sessionCaller = ({ user, session }: LiveSession): Caller => ({ id: user.id, role: user.role, disabled: user.disabled, name: user.name, sessionId: session.id });

/** A cookie token's caller and session expiry, or null when missing, expired, revoked or disabled. */
export async function authenticateSession(ctx: Ctx, token: string | undefined): Promise<{ caller: Caller; expiresAt: Date } | null> {
  if (!token || token.length > 200) return null;
  const found = await findLiveSession(ctx.db, sessionIdOf(token));
  return found ? { caller: sessionCaller(found), expiresAt: found.session.expiresAt } : null;
}

export async function authenticate(ctx: Ctx, token: string | undefined): Promise<Caller | null> {
  return (await authenticateSession(ctx, token))?.caller ?? null;
}

/** System-stream audit record (logins, user management): hash-chained like testimony streams. */
export async function audit(ctx: Ctx, actorId: string | null, type: string, payload: Record<string, unknown>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockSystemStream(tx);
    await appendEvent(tx, { stream: SYSTEM_STREAM, testimonyId: null, actorId, type, payload, version: 0, commandId: null });
  });
}
