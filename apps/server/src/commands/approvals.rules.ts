import { and, eq, isNull } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { ApprovalKind, RiskLevel } from '@desk/protocol';
import { assessRisk, type RiskItem } from '@desk/redaction';
import { AppError } from '../errors.ts';
import type { Tx } from '../repo/conn.ts';
import type { TestimonyRow } from '../repo/testimonies.repo.ts';
import type { CommandOutcome, PendingEvent } from './engine/types.ts';

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

/**
 * A safety sign-off vouches that nobody can be found from the export. While the quasi-identifiers
 * left visible put the re-identification risk at high (docs/RISK.md), it needs the officer's
 * written acknowledgement; the level and the text are stored on the approval, and so go into the
 * audit chain with `approval.added`. Editorial approvals are not concerned.
 */
export function riskAtSignOff(
  kind: ApprovalKind,
  redactions: readonly RiskItem[],
  acknowledgement: string | undefined,
): { riskLevel: RiskLevel | null; riskAcknowledgement: string | null } {
  if (kind !== 'safety') return { riskLevel: null, riskAcknowledgement: null };
  const risk = assessRisk(redactions);
  if (risk.level === 'high' && !acknowledgement) {
    throw new AppError(
      'risk_acknowledgement_required',
      `The re-identification risk is high (${risk.summary}): redact or generalise more, or sign off with a written acknowledgement`,
      { level: risk.level, anonymitySet: risk.anonymitySet, reasons: risk.reasons },
    );
  }
  return { riskLevel: risk.level, riskAcknowledgement: acknowledgement ?? null };
}
