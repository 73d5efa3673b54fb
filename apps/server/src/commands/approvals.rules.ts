import { and, eq, isNull } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Tx } from '../repo/conn.ts';
import type { PendingEvent } from './pipeline.ts';

/**
 * An approval signs one exact redaction set. Any later change withdraws every live approval
 * of the testimony, visibly (an event with the reason), never silently.
 */
export async function withdrawApprovals(tx: Tx, testimonyId: string, reason: string): Promise<PendingEvent | null> {
  const { approvals } = schema;
  const rows = await tx
    .update(approvals)
    .set({ withdrawnAt: new Date(), withdrawnReason: reason })
    .where(and(eq(approvals.testimonyId, testimonyId), isNull(approvals.withdrawnAt)))
    .returning({ id: approvals.id });
  if (rows.length === 0) return null;
  return { type: 'approvals.withdrawn', payload: { approvalIds: rows.map((r) => r.id), reason }, bumpsVersion: false };
}
