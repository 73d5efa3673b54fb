import { z } from 'zod';
import { text } from './text.ts';
import { ApprovalKind, Category, Id, LIMITS, TestimonyStatus } from './enums.ts';
import { DecideLedger, UndoLedger } from './ledger.ts';
import { Generalisation, QuasiSubtype, RiskAcknowledgement } from './risk.ts';

/**
 * Client→server commands that change a testimony. Each carries a client-generated
 * `commandId` so a retry after a reconnect is applied once, and names the state it acts on
 * (`expectedRev` of a redaction, `version` of the testimony) so conflicts can be reported.
 */
const base = { commandId: Id, testimonyId: Id };
const offset = z.number().int().min(0).max(LIMITS.bodyChars);
const reason = text().trim().max(LIMITS.reasonChars);

export const ProposeRedaction = z
  .strictObject({
    ...base,
    start: offset,
    end: offset,
    category: Category,
    subtype: QuasiSubtype.optional(),
    reason: reason.optional(),
    // A reviewer's own redaction as their decision (accepted at once); needs the right to decide.
    accept: z.boolean().optional(),
  })
  .refine((c) => c.end > c.start, { message: 'end must be greater than start', path: ['end'] })
  .refine((c) => c.subtype === undefined || c.category === 'quasi', { message: 'Only a quasi-identifier has a subtype', path: ['subtype'] });

export const DecideRedaction = z.strictObject({
  ...base,
  redactionId: Id,
  decision: z.enum(['accepted', 'rejected']),
  expectedRev: z.number().int().min(0),
});

export const UpdateRedaction = z
  .strictObject({
    ...base,
    redactionId: Id,
    category: Category.optional(),
    reason: reason.nullable().optional(),
    /** Quasi-identifiers only (checked against the stored category by the command). */
    subtype: QuasiSubtype.nullable().optional(),
    /** Quasi-identifiers only; null goes back to the subtype's default generalisation. */
    generalisation: Generalisation.nullable().optional(),
    expectedRev: z.number().int().min(0),
  })
  .refine((c) => c.category !== undefined || c.reason !== undefined || c.subtype !== undefined || c.generalisation !== undefined, {
    message: 'Nothing to change',
  });

export const RemoveRedaction = z.strictObject({ ...base, redactionId: Id, expectedRev: z.number().int().min(0) });

export const DecideEntity = z.strictObject({
  ...base,
  entityGroupId: Id,
  decision: z.enum(['accepted', 'rejected']),
});

export const RedactAll = z.strictObject({
  ...base,
  needle: text().trim().min(1).max(LIMITS.redactAllNeedleChars),
  category: Category,
  reason: reason.optional(),
});

export const AddComment = z
  .strictObject({
    ...base,
    body: text().trim().min(1).max(LIMITS.commentChars),
    parentId: Id.optional(),
    anchorStart: offset.optional(),
    anchorEnd: offset.optional(),
  })
  .refine((c) => (c.anchorStart === undefined) === (c.anchorEnd === undefined), {
    message: 'anchorStart and anchorEnd go together',
  })
  .refine((c) => c.anchorStart === undefined || c.anchorEnd === undefined || c.anchorEnd >= c.anchorStart, {
    message: 'anchorEnd must not precede anchorStart',
  });

export const ResolveComment = z.strictObject({ ...base, commentId: Id, resolved: z.boolean() });

export const SetStatus = z.strictObject({ ...base, status: TestimonyStatus, version: z.number().int().min(0) });

export const Assign = z.strictObject({
  ...base,
  assigneeId: Id.nullable(),
  dueDate: z.iso.date().nullable().optional(),
});

export const SubmitApproval = z.strictObject({
  ...base,
  kind: ApprovalKind,
  version: z.number().int().min(0),
  /** Required on a safety sign-off while the re-identification risk is high (docs/RISK.md). */
  riskAcknowledgement: RiskAcknowledgement.optional(),
});

export const COMMANDS = {
  'redaction.propose': ProposeRedaction,
  'redaction.decide': DecideRedaction,
  'redaction.update': UpdateRedaction,
  'redaction.remove': RemoveRedaction,
  'entity.decide': DecideEntity,
  'redaction.redactAll': RedactAll,
  'comment.add': AddComment,
  'comment.resolve': ResolveComment,
  'testimony.setStatus': SetStatus,
  'testimony.assign': Assign,
  'approval.submit': SubmitApproval,
  'ledger.decide': DecideLedger,
  'ledger.undo': UndoLedger,
} as const;
export type CommandName = keyof typeof COMMANDS;
export type CommandPayload<N extends CommandName> = z.infer<(typeof COMMANDS)[N]>;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** Non-mutating room commands. */
export const JoinTestimony = z.strictObject({ testimonyId: Id });
export const SyncTestimony = z.strictObject({ testimonyId: Id, sinceSeq: z.number().int().min(0) });
export const PresenceUpdate = z.strictObject({
  testimonyId: Id,
  selection: z.strictObject({ start: offset, end: offset }).nullable(),
  paragraph: z.number().int().min(0).max(1_000_000).nullable(),
  idle: z.boolean(),
});
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;
