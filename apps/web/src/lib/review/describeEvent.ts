import type { TestimonyEvent } from '@desk/protocol';
import { CATEGORY_LABELS, STATUS_LABELS } from '$lib/format';
import { CATEGORIES, TESTIMONY_STATUSES, type Category, type TestimonyStatus } from '@desk/protocol';

function cat(c: string): string {
  return (CATEGORIES as readonly string[]).includes(c) ? CATEGORY_LABELS[c as Category] : c;
}

function status(s: string): string {
  return (TESTIMONY_STATUSES as readonly string[]).includes(s) ? STATUS_LABELS[s as TestimonyStatus] : s;
}

/**
 * One line for the activity feed. Deliberately never quotes the redacted text: the feed is
 * glanced at, screenshotted and shared more casually than the text itself.
 */
export function describeEvent(e: TestimonyEvent): string {
  switch (e.type) {
    case 'testimony.created':
      return 'imported the testimony';
    case 'testimony.viewed':
      return 'opened the original text';
    case 'testimony.updated':
      return e.payload.previousStatus && e.payload.previousStatus !== e.payload.status
        ? `changed status from ${status(e.payload.previousStatus)} to ${status(e.payload.status)}`
        : 'updated assignment or due date';
    case 'redactions.suggested':
      return `added ${e.payload.redactions.length} engine suggestions`;
    case 'redaction.proposed':
      return `proposed a ${cat(e.payload.redaction.category)} redaction`;
    case 'redaction.updated': {
      const r = e.payload.redaction;
      const base = r.state === 'suggested' ? `changed a redaction to ${cat(r.category)}` : `${r.state} a ${cat(r.category)} redaction`;
      return e.payload.overrode ? `${base}, replacing ${e.payload.overrode.by.name}'s decision` : base;
    }
    case 'redaction.removed':
      return 'removed a redaction';
    case 'redactions.updated':
      return `updated ${e.payload.redactions.length} redactions at once`;
    case 'comment.added':
      return e.payload.comment.parentId ? 'replied to a comment' : 'commented';
    case 'comment.resolved':
      return e.payload.resolved ? 'resolved a comment' : 'reopened a comment';
    case 'approval.added':
      return `gave ${e.payload.approval.kind} approval (v${e.payload.approval.version})`;
    case 'approvals.withdrawn':
      return `approvals withdrawn: ${e.payload.reason}`;
    case 'ledger.decided': {
      const d = e.payload.entity;
      if (d.decision === 'redact') return `redacted a name everywhere as ${cat(d.category ?? 'other')}`;
      return d.decision === 'keep_public' ? 'kept a name as public (allow-list)' : 'kept a name as not identifying';
    }
    case 'ledger.undone':
      return 'took back a decision on a name';
    case 'export.created':
      return `exported ${e.payload.format}${e.payload.draft ? ' (draft)' : ''}`;
  }
}
