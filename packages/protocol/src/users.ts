import { z } from 'zod';
import { Id, LIMITS, Role } from './enums.ts';
import { text } from './text.ts';

export const Email = z.string().trim().toLowerCase().max(LIMITS.emailChars).pipe(z.email());

/**
 * Password policy: long enough to resist guessing; no composition rules (NIST 800-63B). NUL
 * and lone surrogates are refused: UTF-8 would turn every lone surrogate into the same U+FFFD.
 */
export const Password = text()
  .min(LIMITS.passwordMin, `Password must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax);

export const UserDto = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: Role,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof UserDto>;

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const MeResponse = z.object({ user: UserDto });
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateUserBody = z.strictObject({
  email: Email,
  name: text().trim().min(1).max(LIMITS.nameChars),
  role: Role,
  password: Password,
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .strictObject({
    name: text().trim().min(1).max(LIMITS.nameChars).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserListResponse = z.object({ users: z.array(UserDto) });
export type UserListResponse = z.infer<typeof UserListResponse>;
