import { and, eq, isNull } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Tx } from '../repo/conn.ts';
import type { TestimonyRow } from '../repo/testimonies.repo.ts';
import type { CommandOutcome, PendingEvent } from './pipeline.ts';

/**
 * An approval signs one exact redaction set. Any later change withdraws every live approval
 * of the testimony, visibly (an event with the reason), never silently; a testimony that was
 * `approved` on the strength of them falls back to `in_review` in the same transaction.
 */
export async function withdrawApprovals(
  tx: Tx,
  t: Pick<TestimonyRow, 'id' | 'status' | 'assigneeId' | 'dueDate'>,
  reason: string,
): Promise<{ events: PendingEvent[]; patch?: CommandOutcome['patch'] }> {
  const { approvals } = schema;
  const rows = await tx
    .update(approvals)
    .set({ withdrawnAt: new Date(), withdrawnReason: reason })
    .where(and(eq(approvals.testimonyId, t.id), isNull(approvals.withdrawnAt)))
    .returning({ id: approvals.id });
  const events: PendingEvent[] = [];
  if (rows.length > 0) events.push({ type: 'approvals.withdrawn', payload: { approvalIds: rows.map((r) => r.id), reason }, bumpsVersion: false });
  if (t.status !== 'approved') return { events };
  events.push({
    type: 'testimony.updated',
    payload: { status: 'in_review', previousStatus: 'approved', assigneeId: t.assigneeId, dueDate: t.dueDate },
    bumpsVersion: false,
  });
  return { events, patch: { status: 'in_review', statusChangedAt: new Date() } };
}
