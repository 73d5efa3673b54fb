import type { Role, TestimonyStatus } from '@desk/protocol';
import { AppError } from '../errors.ts';

/**
 * The one place that decides who may do what. Every HTTP route and socket handler asks
 * `can`/`authorize` before calling a command; docs/SECURITY.md mirrors this table.
 */
export const ACTIONS = [
  'testimony.list',
  'testimony.view', // read the original, unredacted text
  'testimony.create',
  'redaction.propose',
  'redaction.decide', // accept/reject/change/remove, entity groups, redact-all
  'comment.add',
  'comment.resolve',
  'testimony.setStatus',
  'testimony.assign',
  'ledger.decide', // name ledger: redact a candidate, keep it as not identifying, undo
  'allowlist.manage', // organisation allow-list: list, add, remove; ledger "Keep — public"
  'approval.editorial',
  'approval.safety',
  'export', // approved or published testimonies
  'export.draft', // unapproved testimonies, marked DRAFT
  'audit.read',
  'dashboard.view',
  'user.list',
  'user.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Principal = { id: string; role: Role; disabled: boolean };
export type Resource = { status?: TestimonyStatus } | undefined;

const REVIEW: Action[] = [
  'testimony.list',
  'testimony.view',
  'testimony.create',
  'redaction.propose',
  'redaction.decide',
  'ledger.decide',
  'comment.add',
  'comment.resolve',
  'testimony.setStatus',
  'testimony.assign',
  'export',
  'user.list',
];

export const GRANTS: Record<Role, ReadonlySet<Action>> = {
  editor: new Set<Action>([...REVIEW, 'approval.editorial']),
  safety_officer: new Set<Action>([...REVIEW, 'approval.safety', 'allowlist.manage', 'audit.read', 'dashboard.view']),
  // Admins run the desk and see everything, but do not decide redactions or sign approvals:
  // keeping them out of the four-eyes path means one admin account cannot publish alone.
  admin: new Set<Action>([
    'testimony.list',
    'testimony.view',
    'testimony.create',
    'comment.add',
    'comment.resolve',
    'testimony.setStatus',
    'testimony.assign',
    'export',
    'export.draft',
    'audit.read',
    'dashboard.view',
    'user.list',
    'user.manage',
    // Public terms are organisation knowledge, not a redaction decision on one testimony.
    'allowlist.manage',
  ]),
};

/** Testimonies that are published are frozen: nobody changes their redactions any more. */
const FROZEN_ACTIONS = new Set<Action>(['redaction.propose', 'redaction.decide', 'ledger.decide', 'allowlist.manage', 'approval.editorial', 'approval.safety']);

export function can(user: Principal | null | undefined, action: Action, resource?: Resource): boolean {
  if (!user || user.disabled) return false;
  if (!GRANTS[user.role].has(action)) return false;
  if (resource?.status === 'published' && FROZEN_ACTIONS.has(action)) return false;
  return true;
}

export function authorize(user: Principal | null | undefined, action: Action, resource?: Resource): void {
  if (!user) throw new AppError('unauthenticated', 'Please sign in');
  if (!can(user, action, resource)) throw new AppError('forbidden', `Your role may not ${action.replace('.', ': ')}`);
}
