import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { ledgerEntities, allowList } = schema;
export type LedgerRow = typeof ledgerEntities.$inferSelect;
/** A ledger row with whether one of its spellings is on the allow-list right now. */
export type LedgerRowWithAllow = LedgerRow & { allowListed: boolean };

// Evaluated per read, so a term added to the allow-list decides it in every testimony at once.
const allowListed = sql<boolean>`EXISTS (SELECT 1 FROM ${allowList} a WHERE a.key = ANY(${ledgerEntities.keys}))`;

export async function insertLedgerEntities(conn: Conn, rows: (typeof ledgerEntities.$inferInsert)[]): Promise<void> {
  // Chunked under Postgres' bind-parameter limit for very long testimonies.
  for (let i = 0; i < rows.length; i += 500) await conn.insert(ledgerEntities).values(rows.slice(i, i + 500));
}

export async function listLedger(conn: Conn, testimonyId: string): Promise<LedgerRowWithAllow[]> {
  const rows = await conn
    .select({ row: ledgerEntities, allowListed })
    .from(ledgerEntities)
    .where(eq(ledgerEntities.testimonyId, testimonyId))
    .orderBy(asc(ledgerEntities.firstStart));
  return rows.map((r) => ({ ...r.row, allowListed: r.allowListed }));
}

export async function findLedgerEntity(conn: Conn, testimonyId: string, id: string): Promise<LedgerRowWithAllow | undefined> {
  const [r] = await conn
    .select({ row: ledgerEntities, allowListed })
    .from(ledgerEntities)
    .where(and(eq(ledgerEntities.id, id), eq(ledgerEntities.testimonyId, testimonyId)))
    .limit(1);
  return r ? { ...r.row, allowListed: r.allowListed } : undefined;
}

export async function updateLedgerEntity(conn: Conn, id: string, v: Partial<typeof ledgerEntities.$inferInsert>): Promise<LedgerRow> {
  const [r] = await conn.update(ledgerEntities).set(v).where(eq(ledgerEntities.id, id)).returning();
  if (!r) throw new Error('ledger entity vanished inside its transaction');
  return r;
}

/** Candidates nobody decided and no allow-list term covers: what blocks the safety sign-off. */
export async function undecidedLedger(conn: Conn, testimonyId: string): Promise<{ id: string; label: string; mentionCount: number }[]> {
  return conn
    .select({ id: ledgerEntities.id, label: ledgerEntities.label, mentionCount: ledgerEntities.mentionCount })
    .from(ledgerEntities)
    .where(and(eq(ledgerEntities.testimonyId, testimonyId), isNull(ledgerEntities.decision), sql`NOT ${allowListed}`))
    .orderBy(asc(ledgerEntities.firstStart));
}
