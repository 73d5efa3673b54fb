import type { Action } from '../../src/policy/policy.ts';

/**
 * THE permission matrix as promised to the newsroom. docs/SECURITY.md shows exactly this
 * table (the matrix test fails if the two differ; `UPDATE_SECURITY_DOC=1` rewrites the doc),
 * and the matrix test checks every cell against the running server over HTTP and sockets.
 * It is written out by hand, not derived from policy.ts, so a policy change that was not
 * meant shows up as a failing cell.
 */
export const PRINCIPALS = ['admin', 'safety_officer', 'editor', 'anonymous', 'disabled'] as const;
export type PrincipalKind = (typeof PRINCIPALS)[number];

export const PRINCIPAL_LABELS: Record<PrincipalKind, string> = {
  admin: 'admin',
  safety_officer: 'safety officer',
  editor: 'editor',
  anonymous: 'not signed in',
  disabled: 'disabled account',
};

type Row = { label: string; allowed: PrincipalKind[] };

const ALL_STAFF: PrincipalKind[] = ['admin', 'safety_officer', 'editor'];
const REVIEWERS: PrincipalKind[] = ['safety_officer', 'editor'];

export const EXPECTED: Record<Action, Row> = {
  'testimony.list': { label: 'List the queue', allowed: ALL_STAFF },
  'testimony.view': { label: 'View the original (unredacted) text', allowed: ALL_STAFF },
  'testimony.create': { label: 'Import a testimony', allowed: ALL_STAFF },
  'redaction.propose': { label: 'Propose a redaction', allowed: REVIEWERS },
  'redaction.decide': { label: 'Accept / reject / change / remove redactions', allowed: REVIEWERS },
  'comment.add': { label: 'Comment', allowed: ALL_STAFF },
  'comment.resolve': { label: 'Resolve a comment', allowed: ALL_STAFF },
  'testimony.setStatus': { label: 'Change status', allowed: ALL_STAFF },
  'testimony.assign': { label: 'Assign', allowed: ALL_STAFF },
  'ledger.decide': { label: 'Decide a name in “Names to decide” (redact, keep as not identifying, undo)', allowed: REVIEWERS },
  'allowlist.manage': { label: 'Manage the organisation allow-list (also “Keep — public”)', allowed: ['admin', 'safety_officer'] },
  'approval.editorial': { label: 'Approve editorially', allowed: ['editor'] },
  'approval.safety': { label: 'Sign off for safety', allowed: ['safety_officer'] },
  export: { label: 'Export an approved testimony', allowed: ALL_STAFF },
  'export.draft': { label: 'Export an unapproved testimony (marked DRAFT)', allowed: ['admin'] },
  'audit.read': { label: 'Read the audit log', allowed: ['admin', 'safety_officer'] },
  'dashboard.view': { label: 'View the dashboard', allowed: ['admin', 'safety_officer'] },
  'user.list': { label: 'List users', allowed: ALL_STAFF },
  'user.manage': { label: 'Manage users (create, change role, disable)', allowed: ['admin'] },
};

export function renderMatrix(doors: Record<string, string>): string {
  const head = `| Action | ${PRINCIPALS.map((p) => PRINCIPAL_LABELS[p]).join(' | ')} | Tested through |`;
  const sep = `|---|${PRINCIPALS.map(() => ':-:').join('|')}|---|`;
  const rows = (Object.keys(EXPECTED) as Action[]).map((a) => {
    const row = EXPECTED[a];
    const cells = PRINCIPALS.map((p) => (row.allowed.includes(p) ? '✅' : '❌'));
    return `| ${row.label} (\`${a}\`) | ${cells.join(' | ')} | ${doors[a] ?? '—'} |`;
  });
  return [head, sep, ...rows].join('\n');
}
