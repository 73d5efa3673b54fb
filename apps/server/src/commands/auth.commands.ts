import { createHash } from 'node:crypto';
import type { LoginBody } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { dummyHash, verifyPassword } from '../auth/password.ts';
import { newToken, sessionIdOf } from '../auth/tokens.ts';
import { deleteSession, findLiveSession, insertSession } from '../repo/sessions.repo.ts';
import { findUserByEmail, type UserRow } from '../repo/users.repo.ts';
import { clearFailures, lockedUntil, recordFailure } from '../repo/login-throttle.repo.ts';
import { appendEvent, lockSystemStream, SYSTEM_STREAM } from '../repo/audit.repo.ts';
import type { Caller, Ctx } from './context.ts';

/** The longest a source waits after repeated failures (the back-off doubles up to this). */
const MAX_WAIT_MINUTES = 15;

export const emailKeyOf = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

const wrong = () => new AppError('unauthenticated', 'Wrong email or password');

/**
 * Verifies a password and opens a fresh session (a new random token every login, so a
 * planted cookie can never be promoted). Known and unknown emails take the same path — the
 * same argon2 work (a dummy hash for unknown ones), the same counting and the same answers —
 * so the answers do not reveal which accounts exist. Failures are counted per email and
 * source address: from the `DESK_LOGIN_MAX_ATTEMPTS`-th on, that source waits 1, 2, 4 …
 * minutes; the owner signing in from elsewhere is not locked out by a stranger's guesses.
 * A disabled account says so only after the right password.
 */
export async function login(
  ctx: Ctx,
  body: LoginBody,
  meta: { userAgent: string | null; previousToken: string | null; source: string },
): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
  const key = emailKeyOf(body.email);
  const waitUntil = await lockedUntil(ctx.db, key, meta.source);
  if (waitUntil) throw lockedError(waitUntil);
  const user = await findUserByEmail(ctx.db, body.email);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
  if (!user || !ok) {
    const r = await recordFailure(ctx.db, key, meta.source, ctx.config.loginMaxAttempts, MAX_WAIT_MINUTES);
    await audit(ctx, null, 'auth.failed', { email: body.email, knownAccount: user !== undefined, failures: r.failures, locked: r.lockedUntil !== null });
    throw wrong();
  }
  await clearFailures(ctx.db, key, meta.source);
  if (user.disabled) throw new AppError('forbidden', 'This account is disabled');

  if (meta.previousToken) await endSession(ctx, sessionIdOf(meta.previousToken), 'You signed in again elsewhere in this browser');
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
  await insertSession(ctx.db, { id: sessionIdOf(token), userId: user.id, expiresAt, userAgent: meta.userAgent?.slice(0, 300) ?? null });
  await audit(ctx, user.id, 'auth.login', {});
  return { token, user, expiresAt };
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new AppError('locked', `Too many failed sign-ins from this address: sign-in is locked for ${minutes} more minute(s)`);
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
