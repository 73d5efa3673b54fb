import { randomUUID } from 'node:crypto';
import type { CreateTestimonyBody, Role } from '@desk/protocol';
import type { Ctx } from '../src/commands/context.ts';
import { createUser } from '../src/commands/users.commands.ts';
import { createTestimony } from '../src/commands/testimonies.commands.ts';
import type { UserRow } from '../src/repo/users.repo.ts';

export type BuiltUser = UserRow & { password: string };

/** A fresh user with a unique email; override what the test cares about. */
export async function buildUser(ctx: Ctx, overrides: Partial<{ role: Role; name: string; email: string; password: string }> = {}): Promise<BuiltUser> {
  const role = overrides.role ?? 'editor';
  const password = overrides.password ?? 'correct-horse-battery';
  const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@test.desk`;
  const user = await createUser(ctx, null, { email, name: overrides.name ?? `Test ${role}`, role, password });
  return { ...user, password };
}

export const SAMPLE_BODY =
  'The witness, whom we will call Samir, was born in the village of Kafr Nadeem.\n\n' +
  'قال سمير إنه اختبأ في بيت صديقه. 🕊️ He reached Turkey with a smuggler named Abu Raed al-Halabi.\n\n' +
  'Élodie, a café owner in Gaziantep, hid him for a week.';

export async function buildTestimony(ctx: Ctx, overrides: Partial<CreateTestimonyBody> = {}, creator?: UserRow) {
  const caller = creator ? { id: creator.id, role: creator.role, disabled: false, name: creator.name, sessionId: null } : null;
  return createTestimony(ctx, caller, {
    title: overrides.title ?? `Testimony ${randomUUID().slice(0, 6)}`,
    language: overrides.language ?? 'en',
    body: overrides.body ?? SAMPLE_BODY,
    ...overrides,
  });
}

/**
 * Invented names the engine does not suggest (no cue word, not in its lists) but that look
 * like proper nouns: the name ledger must list them. Used wherever a test needs candidates.
 */
export const LEDGER_BODY =
  'We waited two days at the depot. 🕊️\n\n' +
  'On the radio they spoke of Brennholt Yard as the last stop, and everyone trusted Velkmoor.\n\n' +
  'Near Brennholt Yard the trucks turned back; Élodie Sarrant said nothing about it.';
