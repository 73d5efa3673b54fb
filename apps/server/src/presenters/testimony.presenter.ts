import type {
  ApprovalDto,
  CommentDto,
  EntityGroupDto,
  RedactionDto,
  TestimonySnapshot,
  TestimonySummary,
} from '@desk/protocol';
import { riskSummary } from '@desk/redaction';
import type { TestimonyWithCounts, TestimonyRow } from '../repo/testimonies.repo.ts';
import type { ApprovalRow, CommentRow, EntityGroupRow, RedactionRow } from '../repo/redactions.repo.ts';
import { actorOf, type Actors } from './user.presenter.ts';
import type { LedgerRowWithAllow } from '../repo/ledger.repo.ts';
import { presentLedgerEntity } from './ledger.presenter.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const UNKNOWN = { id: '00000000-0000-0000-0000-000000000000', name: 'Deleted user', role: 'editor' } as const;

export function presentSummary(t: TestimonyWithCounts, actors: Actors): TestimonySummary {
  return {
    id: t.id,
    title: t.title,
    language: t.language,
    status: t.status,
    assignee: actorOf(actors, t.assigneeId),
    dueDate: t.dueDate,
    version: t.version,
    seq: t.seq,
    openSuggestions: t.openSuggestions,
    acceptedRedactions: t.acceptedRedactions,
    risk: riskSummary(t.quasi),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function presentRedaction(r: RedactionRow, actors: Actors): RedactionDto {
  return {
    id: r.id,
    start: r.start,
    end: r.end,
    category: r.category,
    subtype: r.subtype,
    generalisation: r.generalisation,
    state: r.state,
    entityGroupId: r.entityGroupId,
    reason: r.reason,
    confidence: r.confidence,
    source: r.source,
    rev: r.rev,
    proposedBy: actorOf(actors, r.proposedBy),
    decidedBy: actorOf(actors, r.decidedBy),
    decidedAt: iso(r.decidedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const presentGroup = (g: EntityGroupRow): EntityGroupDto => ({
  id: g.id,
  label: g.label,
  category: g.category,
  ordinal: g.ordinal,
});

export const presentComment = (c: CommentRow, actors: Actors): CommentDto => ({
  id: c.id,
  parentId: c.parentId,
  anchorStart: c.anchorStart,
  anchorEnd: c.anchorEnd,
  body: c.body,
  author: actorOf(actors, c.authorId) ?? UNKNOWN,
  resolved: c.resolved,
  createdAt: c.createdAt.toISOString(),
});

export const presentApproval = (a: ApprovalRow, actors: Actors): ApprovalDto => ({
  id: a.id,
  kind: a.kind,
  user: actorOf(actors, a.userId) ?? UNKNOWN,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  withdrawnAt: iso(a.withdrawnAt),
  withdrawnReason: a.withdrawnReason,
  riskLevel: a.riskLevel,
  riskAcknowledgement: a.riskAcknowledgement,
});

/**
 * The only function that puts an original body into a payload. Callers must have passed
 * `authorize(user, 'testimony.view')` and recorded the view in the audit log.
 */
export function presentSnapshot(
  t: TestimonyRow & { openSuggestions: number; acceptedRedactions: number },
  parts: { redactions: RedactionRow[]; groups: EntityGroupRow[]; comments: CommentRow[]; approvals: ApprovalRow[]; ledger: LedgerRowWithAllow[] },
  actors: Actors,
): TestimonySnapshot {
  return {
    testimony: { ...presentSummary({ ...t, quasi: parts.redactions }, actors), sourceNote: t.sourceNote, bodySha256: t.bodySha256 },
    body: t.body,
    redactions: parts.redactions.map((r) => presentRedaction(r, actors)),
    groups: parts.groups.map(presentGroup),
    comments: parts.comments.map((c) => presentComment(c, actors)),
    approvals: parts.approvals.map((a) => presentApproval(a, actors)),
    ledger: parts.ledger.map((e) => presentLedgerEntity(e, actors)),
    seq: t.seq,
  };
}
