import { and, eq, isNull } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';
import type { ApprovalRow } from './redactions.repo.ts';

const { approvals } = schema;

/** Approvals not withdrawn; the caller holds the testimony lock. */
export const liveApprovals = (conn: Conn, testimonyId: string): Promise<ApprovalRow[]> =>
  conn
    .select()
    .from(approvals)
    .where(and(eq(approvals.testimonyId, testimonyId), isNull(approvals.withdrawnAt)));

export async function insertApproval(conn: Conn, v: typeof approvals.$inferInsert): Promise<ApprovalRow> {
  const [row] = await conn.insert(approvals).values(v).returning();
  if (!row) throw new Error('approval insert returned nothing');
  return row;
}
