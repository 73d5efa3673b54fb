import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { redactions, entityGroups, comments, approvals } = schema;
export type RedactionRow = typeof redactions.$inferSelect;
export type EntityGroupRow = typeof entityGroups.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;

export const listRedactions = (conn: Conn, testimonyId: string) =>
  conn.select().from(redactions).where(eq(redactions.testimonyId, testimonyId)).orderBy(asc(redactions.start), asc(redactions.end));

export const listGroups = (conn: Conn, testimonyId: string) =>
  conn.select().from(entityGroups).where(eq(entityGroups.testimonyId, testimonyId)).orderBy(asc(entityGroups.category), asc(entityGroups.ordinal));

export const listComments = (conn: Conn, testimonyId: string) =>
  conn.select().from(comments).where(eq(comments.testimonyId, testimonyId)).orderBy(asc(comments.createdAt));

export const listApprovals = (conn: Conn, testimonyId: string) =>
  conn.select().from(approvals).where(eq(approvals.testimonyId, testimonyId)).orderBy(asc(approvals.createdAt));

export async function findRedaction(conn: Conn, testimonyId: string, id: string): Promise<RedactionRow | undefined> {
  const [r] = await conn
    .select()
    .from(redactions)
    .where(and(eq(redactions.id, id), eq(redactions.testimonyId, testimonyId)))
    .limit(1);
  return r;
}

export async function insertRedactions(conn: Conn, rows: (typeof redactions.$inferInsert)[]): Promise<RedactionRow[]> {
  if (rows.length === 0) return [];
  const out: RedactionRow[] = [];
  // Chunked so a long testimony's suggestions stay under Postgres' bind-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    out.push(...(await conn.insert(redactions).values(rows.slice(i, i + 500)).returning()));
  }
  return out;
}

export async function updateRedaction(conn: Conn, id: string, v: Partial<typeof redactions.$inferInsert>): Promise<RedactionRow> {
  const [r] = await conn
    .update(redactions)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(redactions.id, id))
    .returning();
  if (!r) throw new Error('redaction vanished inside its transaction');
  return r;
}

export async function deleteRedaction(conn: Conn, id: string): Promise<void> {
  await conn.delete(redactions).where(eq(redactions.id, id));
}

export async function insertGroups(conn: Conn, rows: (typeof entityGroups.$inferInsert)[]): Promise<EntityGroupRow[]> {
  if (rows.length === 0) return [];
  return conn.insert(entityGroups).values(rows).returning();
}

export const redactionsInGroup = (conn: Conn, groupId: string) =>
  conn.select().from(redactions).where(eq(redactions.entityGroupId, groupId)).orderBy(asc(redactions.start));

export async function findGroup(conn: Conn, testimonyId: string, id: string): Promise<EntityGroupRow | undefined> {
  const [g] = await conn
    .select()
    .from(entityGroups)
    .where(and(eq(entityGroups.id, id), eq(entityGroups.testimonyId, testimonyId)))
    .limit(1);
  return g;
}

export async function findGroupByKey(conn: Conn, testimonyId: string, category: EntityGroupRow['category'], key: string): Promise<EntityGroupRow | undefined> {
  const [g] = await conn
    .select()
    .from(entityGroups)
    .where(and(eq(entityGroups.testimonyId, testimonyId), eq(entityGroups.category, category), eq(entityGroups.key, key)))
    .limit(1);
  return g;
}

/** The entity groups of one category in a testimony, each with the spans of its redactions that are not rejected. */
export async function groupsWithSpans(
  conn: Conn,
  testimonyId: string,
  category: EntityGroupRow['category'],
): Promise<Array<{ group: EntityGroupRow; spans: Array<{ start: number; end: number }> }>> {
  const groups = await conn
    .select()
    .from(entityGroups)
    .where(and(eq(entityGroups.testimonyId, testimonyId), eq(entityGroups.category, category)))
    .orderBy(asc(entityGroups.ordinal));
  if (groups.length === 0) return [];
  const rows = await conn
    .select({ groupId: redactions.entityGroupId, start: redactions.start, end: redactions.end, state: redactions.state })
    .from(redactions)
    .where(inArray(redactions.entityGroupId, groups.map((g) => g.id)));
  return groups.map((group) => ({ group, spans: rows.filter((r) => r.groupId === group.id && r.state !== 'rejected') }));
}

/** Next pseudonym number within (testimony, category); the caller holds the testimony lock. */
export async function nextGroupOrdinal(conn: Conn, testimonyId: string, category: EntityGroupRow['category']): Promise<number> {
  const [row] = await conn
    .select({ n: sql<number>`coalesce(max(${entityGroups.ordinal}), 0)::int` })
    .from(entityGroups)
    .where(and(eq(entityGroups.testimonyId, testimonyId), eq(entityGroups.category, category)));
  return (row?.n ?? 0) + 1;
}

/** Redactions of a testimony whose span equals one of `spans` exactly. */
export async function redactionsAtSpans(conn: Conn, testimonyId: string, spans: { start: number; end: number }[]): Promise<RedactionRow[]> {
  if (spans.length === 0) return [];
  const starts = [...new Set(spans.map((s) => s.start))];
  const rows = await conn
    .select()
    .from(redactions)
    .where(and(eq(redactions.testimonyId, testimonyId), inArray(redactions.start, starts)));
  const wanted = new Set(spans.map((s) => `${s.start}:${s.end}`));
  return rows.filter((r) => wanted.has(`${r.start}:${r.end}`));
}

export const redactionsByIds = (conn: Conn, ids: string[]) =>
  ids.length ? conn.select().from(redactions).where(inArray(redactions.id, ids)) : Promise.resolve([]);
