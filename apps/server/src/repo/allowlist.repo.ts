import { desc, eq, ilike, or } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { allowList } = schema;
export type AllowListRow = typeof allowList.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listAllowList(conn: Conn, q?: string): Promise<AllowListRow[]> {
  const where = q ? or(ilike(allowList.term, `%${escapeLike(q)}%`), ilike(allowList.note, `%${escapeLike(q)}%`)) : undefined;
  return conn.select().from(allowList).where(where).orderBy(desc(allowList.addedAt)).limit(1000);
}

/** Every term, for detection on import (the built-in list stays the engine's default). */
export async function allowTerms(conn: Conn): Promise<string[]> {
  return (await conn.select({ term: allowList.term }).from(allowList)).map((r) => r.term);
}

export async function findAllowByKey(conn: Conn, key: string): Promise<AllowListRow | undefined> {
  const [r] = await conn.select().from(allowList).where(eq(allowList.key, key)).limit(1);
  return r;
}

export async function findAllowEntry(conn: Conn, id: string): Promise<AllowListRow | undefined> {
  const [r] = await conn.select().from(allowList).where(eq(allowList.id, id)).limit(1);
  return r;
}

/** Undefined when the term (or a spelling variant of it) is already listed. */
export async function insertAllowEntry(conn: Conn, v: typeof allowList.$inferInsert): Promise<AllowListRow | undefined> {
  const [r] = await conn.insert(allowList).values(v).onConflictDoNothing({ target: allowList.key }).returning();
  return r;
}

export async function deleteAllowEntry(conn: Conn, id: string): Promise<AllowListRow | undefined> {
  const [r] = await conn.delete(allowList).where(eq(allowList.id, id)).returning();
  return r;
}
