import type { CreateUserBody, UpdateUserBody } from '@desk/protocol';
import { DEMO_USERS } from '@desk/db';
import { AppError } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { countUsers, findUser, findUserByEmail, insertUser, updateUser, type UserRow } from '../repo/users.repo.ts';
import { deleteUserSessions } from '../repo/sessions.repo.ts';
import { audit, emailKeyOf } from './auth.commands.ts';
import { clearFailures } from '../repo/login-throttle.repo.ts';
import { invalidateActors } from '../presenters/user.presenter.ts';
import type { Caller, Ctx } from './context.ts';

export async function createUser(ctx: Ctx, caller: Caller | null, body: CreateUserBody): Promise<UserRow> {
  if (await findUserByEmail(ctx.db, body.email)) throw new AppError('conflict', 'A user with this email already exists');
  const user = await insertUser(ctx.db, {
    email: body.email,
    name: body.name,
    role: body.role,
    passwordHash: await hashPassword(body.password),
  });
  invalidateActors();
  await audit(ctx, caller?.id ?? null, 'user.created', { userId: user.id, email: user.email, role: user.role });
  return user;
}

/**
 * Role changes, disabling and password resets end every session of that user at once,
 * including open sockets, so a demoted or disabled account keeps no access.
 */
export async function changeUser(ctx: Ctx, caller: Caller, id: string, body: UpdateUserBody): Promise<UserRow> {
  const existing = await findUser(ctx.db, id);
  if (!existing) throw new AppError('not_found', 'No such user');
  if (id === caller.id && (body.disabled === true || (body.role && body.role !== 'admin'))) {
    throw new AppError('conflict', 'You cannot disable or demote your own account');
  }
  const user = await updateUser(ctx.db, id, {
    name: body.name,
    role: body.role,
    disabled: body.disabled,
    passwordHash: body.password ? await hashPassword(body.password) : undefined,
  });
  if (!user) throw new AppError('not_found', 'No such user');
  // A reset password or a re-enabled account starts with no failed sign-ins, from anywhere.
  if (body.password !== undefined || body.disabled === false) await clearFailures(ctx.db, emailKeyOf(user.email));
  invalidateActors();
  const revoke = body.disabled === true || (body.role !== undefined && body.role !== existing.role) || body.password !== undefined;
  if (revoke) {
    await deleteUserSessions(ctx.db, id);
    ctx.publish.userRevoked(id, body.disabled ? 'Your account was disabled' : 'Your account changed; please sign in again');
  }
  await audit(ctx, caller.id, 'user.updated', {
    userId: id,
    changes: { name: body.name, role: body.role, disabled: body.disabled, passwordReset: body.password !== undefined },
  });
  return user;
}

/** First run on an empty database: one account per role, printed once for the newcomer. */
export async function ensureDemoUsers(ctx: Ctx): Promise<typeof DEMO_USERS | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  for (const u of DEMO_USERS) await createUser(ctx, null, u);
  return DEMO_USERS;
}
