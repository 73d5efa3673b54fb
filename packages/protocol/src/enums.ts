import { z } from 'zod';

export const ROLES = ['admin', 'safety_officer', 'editor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const CATEGORIES = ['person', 'place', 'hiding', 'quasi', 'other'] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const REDACTION_STATES = ['suggested', 'accepted', 'rejected'] as const;
export const RedactionState = z.enum(REDACTION_STATES);
export type RedactionState = z.infer<typeof RedactionState>;

export const TESTIMONY_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved', 'published'] as const;
export const TestimonyStatus = z.enum(TESTIMONY_STATUSES);
export type TestimonyStatus = z.infer<typeof TestimonyStatus>;

export const APPROVAL_KINDS = ['editorial', 'safety'] as const;
export const ApprovalKind = z.enum(APPROVAL_KINDS);
export type ApprovalKind = z.infer<typeof ApprovalKind>;

/** Identifiers are UUIDs everywhere; validating them early keeps garbage out of SQL. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** Bounds shared by server validation and client forms. */
export const LIMITS = {
  titleChars: 200,
  nameChars: 120,
  emailChars: 254,
  passwordMin: 10,
  passwordMax: 200,
  bodyChars: 2_000_000,
  sourceNoteChars: 2_000,
  reasonChars: 1_000,
  commentChars: 5_000,
  languageChars: 35,
  redactAllNeedleChars: 200,
  allowTermChars: 200,
  batchIds: 1_000,
} as const;
