import { z } from 'zod';
import { Category, Id, LIMITS, RedactionState, Role, TestimonyStatus, ApprovalKind } from './enums.ts';
import { RiskLevel, RiskSummary } from './risk.ts';
import { text } from './text.ts';

export const Actor = z.object({ id: Id, name: z.string(), role: Role });
export type Actor = z.infer<typeof Actor>;

/**
 * The name ledger: every proper-noun-like entity of a testimony that the engine neither
 * suggested nor knows as public is a *candidate* that a person must decide before the safety
 * sign-off. `redact` makes every mention an accepted redaction (one entity group);
 * `keep_public` adds the term to the organisation's allow-list; `keep_private` keeps it
 * visible in this testimony only ("not identifying").
 */
export const LEDGER_DECISIONS = ['redact', 'keep_public', 'keep_private'] as const;
export const LedgerDecision = z.enum(LEDGER_DECISIONS);
export type LedgerDecision = z.infer<typeof LedgerDecision>;

/** Categories a ledger "Redact" may use: names are people, places or something else. */
export const LEDGER_CATEGORIES = ['person', 'place', 'other'] as const;
export const LedgerCategory = z.enum(LEDGER_CATEGORIES);
export type LedgerCategory = z.infer<typeof LedgerCategory>;

/** The decided state of one entity; what `ledger.decided` / `ledger.undone` events carry. */
export const LedgerStateDto = z.object({
  entityId: Id,
  decision: LedgerDecision.nullable(),
  category: LedgerCategory.nullable(),
  reason: z.string().nullable(),
  decidedBy: Actor.nullable(),
  decidedAt: z.string().nullable(),
  /** True when a spelling of it is on the organisation's allow-list: decided as public. */
  allowListed: z.boolean(),
  /** Entity group holding the redactions a `redact` decision made. */
  entityGroupId: Id.nullable(),
  rev: z.number().int(),
});
export type LedgerStateDto = z.infer<typeof LedgerStateDto>;

/** One candidate entity as the review page lists it (only in snapshots: it carries text). */
export const LedgerEntityDto = LedgerStateDto.extend({
  label: z.string(),
  spellings: z.array(z.string()),
  mentions: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  /** A short excerpt around the first mention. */
  context: z.string(),
});
export type LedgerEntityDto = z.infer<typeof LedgerEntityDto>;

/** An entity counts as decided when it has a decision or is on the allow-list. */
export const isLedgerDecided = (e: Pick<LedgerStateDto, 'decision' | 'allowListed'>): boolean => e.decision !== null || e.allowListed;


export const TestimonySummary = z.object({
  id: Id,
  title: z.string(),
  language: z.string(),
  status: TestimonyStatus,
  assignee: Actor.nullable(),
  dueDate: z.string().nullable(),
  version: z.number().int(),
  seq: z.number().int(),
  openSuggestions: z.number().int(),
  acceptedRedactions: z.number().int(),
  /** Re-identification risk from the quasi-identifiers that stay visible (docs/RISK.md). */
  risk: RiskSummary,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TestimonySummary = z.infer<typeof TestimonySummary>;

export const TestimonyListResponse = z.object({ testimonies: z.array(TestimonySummary) });
export type TestimonyListResponse = z.infer<typeof TestimonyListResponse>;

export const RedactionDto = z.object({
  id: Id,
  start: z.number().int(),
  end: z.number().int(),
  category: Category,
  /** Quasi-identifiers: their kind (see QUASI_SUBTYPES; older rows may hold an alias). */
  subtype: z.string().nullable(),
  /** Quasi-identifiers: reviewer-written coarser value for the generalise export mode; null = the default for the subtype. */
  generalisation: z.string().nullable(),
  state: RedactionState,
  entityGroupId: Id.nullable(),
  reason: z.string().nullable(),
  confidence: z.number().nullable(),
  source: z.enum(['engine', 'user']),
  rev: z.number().int(),
  proposedBy: Actor.nullable(),
  decidedBy: Actor.nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RedactionDto = z.infer<typeof RedactionDto>;

export const EntityGroupDto = z.object({
  id: Id,
  label: z.string(),
  category: Category,
  ordinal: z.number().int(),
});
export type EntityGroupDto = z.infer<typeof EntityGroupDto>;

export const CommentDto = z.object({
  id: Id,
  parentId: Id.nullable(),
  anchorStart: z.number().int().nullable(),
  anchorEnd: z.number().int().nullable(),
  body: z.string(),
  author: Actor,
  resolved: z.boolean(),
  createdAt: z.string(),
});
export type CommentDto = z.infer<typeof CommentDto>;

export const ApprovalDto = z.object({
  id: Id,
  kind: ApprovalKind,
  user: Actor,
  version: z.number().int(),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  /** Safety sign-off: the re-identification risk level it was given at, and the written acknowledgement a high level needs. */
  riskLevel: RiskLevel.nullable(),
  riskAcknowledgement: z.string().nullable(),
});
export type ApprovalDto = z.infer<typeof ApprovalDto>;

/**
 * Full state of one testimony as one role may see it. `body` is the frozen original text;
 * it is present because every role of this desk reviews originals, but it only ever leaves
 * the server through the testimony presenter, which records the view in the audit log.
 */
export const TestimonySnapshot = z.object({
  testimony: TestimonySummary.extend({
    sourceNote: z.string().nullable(),
    bodySha256: z.string(),
  }),
  body: z.string(),
  redactions: z.array(RedactionDto),
  groups: z.array(EntityGroupDto),
  comments: z.array(CommentDto),
  approvals: z.array(ApprovalDto),
  /** Name-ledger candidates with their decisions. */
  ledger: z.array(LedgerEntityDto),
  seq: z.number().int(),
});
export type TestimonySnapshot = z.infer<typeof TestimonySnapshot>;

export const CreateTestimonyBody = z.strictObject({
  title: text().trim().min(1).max(LIMITS.titleChars),
  language: text().trim().min(2).max(LIMITS.languageChars),
  sourceNote: text().max(LIMITS.sourceNoteChars).optional(),
  body: text()
    .max(LIMITS.bodyChars)
    .refine((s) => s.trim().length > 0, { message: 'The testimony text is empty' }),
  /** sha256 of the raw upload before boilerplate was dropped, recorded in the audit. */
  rawSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  dueDate: z.iso.date().optional(),
  assigneeId: Id.optional(),
});
export type CreateTestimonyBody = z.infer<typeof CreateTestimonyBody>;

export const TestimonyListQuery = z.strictObject({
  status: TestimonyStatus.optional(),
  assignee: z.union([z.literal('me'), Id]).optional(),
  language: text().max(LIMITS.languageChars).optional(),
  q: text().max(200).optional(),
});
export type TestimonyListQuery = z.infer<typeof TestimonyListQuery>;
