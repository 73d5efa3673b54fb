import { sql } from 'drizzle-orm';
import type { Db } from '@desk/db';

/**
 * A digest of every row a fuzz run could touch, scoped to its own testimonies and users
 * because other test files write to the same database in parallel. Tables added later that
 * carry a `testimony_id` are found from the catalogue and included automatically.
 */
export type Scope = { testimonyIds: string[]; userIds: string[]; emailDomain: string };

async function digest(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const r = await db.execute<{ d: string | null }>(sql`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM (${query}) x`);
  return r.rows[0]?.d ?? '';
}

export async function stateHash(db: Db, scope: Scope): Promise<string> {
  const tids = sql`ARRAY[${sql.join(scope.testimonyIds.map((id) => sql`${id}::uuid`), sql`, `)}]::uuid[]`;
  const uids = sql`ARRAY[${sql.join(scope.userIds.map((id) => sql`${id}::uuid`), sql`, `)}]::uuid[]`;
  const like = `%@${scope.emailDomain}`;
  const parts: string[] = [
    await digest(db, sql`SELECT * FROM testimonies WHERE id = ANY(${tids}) OR created_by = ANY(${uids})`),
    await digest(db, sql`SELECT * FROM audit_events WHERE testimony_id = ANY(${tids}) OR actor_id = ANY(${uids})`),
    await digest(db, sql`SELECT * FROM processed_commands WHERE actor_id = ANY(${uids})`),
    await digest(db, sql`SELECT * FROM users WHERE id = ANY(${uids}) OR email LIKE ${like}`),
    // last_seen_at is bookkeeping, not state a request may change.
    await digest(db, sql`SELECT id, user_id, expires_at FROM sessions WHERE user_id = ANY(${uids})`),
  ];
  const tables = await db.execute<{ table_name: string }>(
    sql`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'testimony_id' AND table_name <> 'audit_events' ORDER BY table_name`,
  );
  for (const { table_name } of tables.rows) {
    parts.push(await digest(db, sql`SELECT * FROM ${sql.identifier(table_name)} WHERE testimony_id = ANY(${tids})`));
  }
  return parts.join(':');
}
