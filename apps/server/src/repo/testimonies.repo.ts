import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { TestimonyListQuery } from '@desk/protocol';
import type { RiskItem } from '@desk/redaction';
import type { Conn } from './conn.ts';

const { testimonies, redactions } = schema;
export type TestimonyRow = typeof testimonies.$inferSelect;
export type TestimonyWithCounts = Omit<TestimonyRow, 'body' | 'headHash'> & { openSuggestions: number; acceptedRedactions: number; quasi: RiskItem[] };

// Drizzle renders a column inside a single-table select unqualified ("id"), which inside this
// subquery would resolve to r.id and count nothing; the outer row is named explicitly.
const outerId = sql.raw('"testimonies"."id"');
const counts = {
  openSuggestions: sql<number>`(SELECT count(*)::int FROM ${redactions} r WHERE r.testimony_id = ${outerId} AND r.state = 'suggested')`,
  acceptedRedactions: sql<number>`(SELECT count(*)::int FROM ${redactions} r WHERE r.testimony_id = ${outerId} AND r.state = 'accepted')`,
  // What the re-identification risk model reads (never the span text): the presenter scores it.
  quasi: sql<RiskItem[]>`(SELECT coalesce(json_agg(json_build_object('category', r.category, 'subtype', r.subtype, 'state', r.state, 'generalisation', r.generalisation, 'entityGroupId', r.entity_group_id)), '[]'::json) FROM ${redactions} r WHERE r.testimony_id = ${outerId} AND r.category = 'quasi')`,
};

/** Every column but the body: lists never carry original text. */
const summaryColumns = {
  id: testimonies.id,
  title: testimonies.title,
  language: testimonies.language,
  sourceNote: testimonies.sourceNote,
  bodySha256: testimonies.bodySha256,
  status: testimonies.status,
  assigneeId: testimonies.assigneeId,
  dueDate: testimonies.dueDate,
  version: testimonies.version,
  seq: testimonies.seq,
  createdBy: testimonies.createdBy,
  createdAt: testimonies.createdAt,
  updatedAt: testimonies.updatedAt,
  statusChangedAt: testimonies.statusChangedAt,
  ...counts,
};

export async function listTestimonies(conn: Conn, q: TestimonyListQuery, meId: string): Promise<TestimonyWithCounts[]> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(testimonies.status, q.status));
  if (q.assignee) where.push(eq(testimonies.assigneeId, q.assignee === 'me' ? meId : q.assignee));
  if (q.language) where.push(eq(testimonies.language, q.language));
  if (q.q) where.push(ilike(testimonies.title, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return conn
    .select(summaryColumns)
    .from(testimonies)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(testimonies.updatedAt))
    .limit(1000);
}

/** Summaries of the given testimonies (those that exist), in no particular order. */
export async function findTestimonySummaries(conn: Conn, ids: string[]): Promise<TestimonyWithCounts[]> {
  if (ids.length === 0) return [];
  return conn.select(summaryColumns).from(testimonies).where(inArray(testimonies.id, ids));
}

export async function findTestimonySummary(conn: Conn, id: string): Promise<TestimonyWithCounts | undefined> {
  return (await findTestimonySummaries(conn, [id]))[0];
}

export async function findTestimony(conn: Conn, id: string): Promise<TestimonyRow | undefined> {
  const [row] = await conn.select().from(testimonies).where(eq(testimonies.id, id)).limit(1);
  return row;
}

export async function testimonyExists(conn: Conn, id: string): Promise<boolean> {
  const [row] = await conn.select({ id: testimonies.id }).from(testimonies).where(eq(testimonies.id, id)).limit(1);
  return row !== undefined;
}

/**
 * Locks the row for the rest of the transaction: commands on one testimony apply one at a time.
 * NO KEY UPDATE, not UPDATE: it excludes other commands but not the key-share lock a foreign key
 * takes, so recording a view (an audit row naming the testimony) never waits for a command.
 */
export async function lockTestimony(conn: Conn, id: string): Promise<TestimonyRow | undefined> {
  const [row] = await conn.select().from(testimonies).where(eq(testimonies.id, id)).for('no key update').limit(1);
  return row;
}

export async function insertTestimony(conn: Conn, v: typeof testimonies.$inferInsert): Promise<TestimonyRow> {
  const [row] = await conn.insert(testimonies).values(v).returning();
  if (!row) throw new Error('testimony insert returned nothing');
  return row;
}

export async function updateTestimony(conn: Conn, id: string, v: Partial<typeof testimonies.$inferInsert>): Promise<void> {
  await conn
    .update(testimonies)
    .set({ ...v, updatedAt: new Date() })
    .where(eq(testimonies.id, id));
}


/**
 * Locks several testimonies for one batch of commands. Rows are locked in id order, so two
 * processes locking overlapping sets cannot deadlock.
 */
export async function lockTestimonies(conn: Conn, ids: string[]): Promise<Map<string, TestimonyRow>> {
  if (ids.length === 1) {
    const row = await lockTestimony(conn, ids[0]!);
    return new Map(row ? [[row.id, row]] : []);
  }
  const rows = await conn.select().from(testimonies).where(inArray(testimonies.id, ids)).orderBy(asc(testimonies.id)).for('no key update');
  return new Map(rows.map((r) => [r.id, r]));
}

