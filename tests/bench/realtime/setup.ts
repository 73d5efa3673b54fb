import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { createScratchDatabase, schema, type DbHandle, type ScratchDatabase } from '@desk/db';
import { hashPassword } from '../../../apps/server/src/auth/password.ts';
import { newToken, SESSION_COOKIE, sessionIdOf } from '../../../apps/server/src/auth/tokens.ts';

export type BenchEditor = { userId: string; cookie: string };

/** TEST_DATABASE_URL, DATABASE_URL, else the machine's local server. */
export function baseDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A scratch database per run, migrated like production, with the floor's table; dropped at the end. */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase({ prefix: 'desk_bench', embedded: { dir: 'bench-pg', port: 54345 }, base: baseDatabaseUrl() });
  const c = new pg.Client({ connectionString: scratch.url });
  await c.connect();
  await c.query('CREATE TABLE bench_floor_ops (id bigserial PRIMARY KEY, room text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  await c.end();
  return scratch;
}

/**
 * Editors and their sessions by direct insert: hashing 2,000 passwords and signing in 2,000
 * times would measure argon2 and the login rate limit, not the realtime path. Every account
 * shares one (real) password hash; each gets its own session cookie.
 */
export async function createEditors(h: DbHandle, n: number): Promise<BenchEditor[]> {
  const passwordHash = await hashPassword(randomUUID());
  const out: BenchEditor[] = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < n; i += 500) {
    const batch = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
      email: `bench-${run}-${i + k}@bench.desk`,
      name: `Editor ${i + k}`,
      role: (i + k) % 5 === 0 ? ('safety_officer' as const) : ('editor' as const),
      passwordHash,
    }));
    const users = await h.db.insert(schema.users).values(batch).returning({ id: schema.users.id });
    const sessions = users.map((u) => ({ token: newToken(), userId: u.id }));
    await h.db.insert(schema.sessions).values(sessions.map((s) => ({ id: sessionIdOf(s.token), userId: s.userId, expiresAt: new Date(Date.now() + 6 * 3_600_000) })));
    for (const s of sessions) out.push({ userId: s.userId, cookie: `${SESSION_COOKIE}=${s.token}` });
  }
  return out;
}

/** A plausible testimony body (~3,000 characters, mixed scripts) so snapshots are realistic. */
export function benchBody(i: number): string {
  const para =
    'The witness, whom we will call Samir, was born in the village of Kafr Nadeem. ' +
    'قال سمير إنه اختبأ في بيت صديقه. He reached Turkey with a smuggler named Abu Raed al-Halabi. ' +
    'Élodie, a café owner in Gaziantep, hid him for a week in the storeroom behind the bakery. ';
  return `Testimony ${i}.\n\n` + Array.from({ length: 12 }, () => para).join('\n\n');
}
