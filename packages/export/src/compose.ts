import type { Category } from '@desk/protocol';
import type { ExportDocument, ExportRedaction, ReplacementMode } from './types.ts';

/** Same width whatever the length of what it hides, so the bar leaks nothing about the name. */
export const BAR = '█████';

export const CATEGORY_LABEL: Record<Category, string> = {
  person: 'PERSON',
  place: 'PLACE',
  hiding: 'HIDING PLACE',
  quasi: 'DETAIL',
  other: 'REDACTED',
};

export type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'mask'; text: string; category: Category; redactionIds: string[] };

export interface LogEntry {
  n: number;
  placeholder: string;
  category: Category;
  reason: string | null;
  decidedBy: string | null;
}

export interface Composed {
  pieces: Piece[];
  /** The redacted text: the original with every accepted span replaced, nothing else changed. */
  text: string;
  log: LogEntry[];
}

/** Accepted spans merged where they overlap; the first-starting (then longest) span names the mask. */
function mergedSpans(redactions: readonly ExportRedaction[]): { start: number; end: number; lead: ExportRedaction; ids: string[] }[] {
  const accepted = redactions
    .filter((r) => r.state === 'accepted' && r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { start: number; end: number; lead: ExportRedaction; ids: string[] }[] = [];
  for (const r of accepted) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      last.ids.push(r.id);
    } else out.push({ start: r.start, end: r.end, lead: r, ids: [r.id] });
  }
  return out;
}

/**
 * Pseudonyms: one number per entity group (its ordinal), so the same person is [PERSON 1]
 * everywhere; spans outside any group each get the next free number of their category, in
 * reading order.
 */
function pseudonymNamer(doc: ExportDocument): (r: ExportRedaction) => string {
  const ordinalOf = new Map(doc.groups.map((g) => [g.id, g]));
  const next = new Map<Category, number>();
  for (const g of doc.groups) next.set(g.category, Math.max(next.get(g.category) ?? 0, g.ordinal));
  const assigned = new Map<string, number>();
  return (r) => {
    const g = r.entityGroupId ? ordinalOf.get(r.entityGroupId) : undefined;
    if (g) return `[${CATEGORY_LABEL[g.category]} ${g.ordinal}]`;
    let n = assigned.get(r.id);
    if (n === undefined) {
      n = (next.get(r.category) ?? 0) + 1;
      next.set(r.category, n);
      assigned.set(r.id, n);
    }
    return `[${CATEGORY_LABEL[r.category]} ${n}]`;
  };
}

/** Builds the redacted text. Redacted characters are dropped here, so no renderer can ever see them. */
export function compose(doc: ExportDocument, mode: ReplacementMode): Composed {
  const pseudonym = pseudonymNamer(doc);
  const placeholder = (r: ExportRedaction): string =>
    mode === 'bar' ? BAR : mode === 'label' ? `[${CATEGORY_LABEL[r.category]}]` : pseudonym(r);
  const pieces: Piece[] = [];
  const log: LogEntry[] = [];
  let at = 0;
  for (const span of mergedSpans(doc.redactions)) {
    const start = Math.max(span.start, at);
    if (start > at) pieces.push({ kind: 'text', text: doc.body.slice(at, start) });
    const text = placeholder(span.lead);
    pieces.push({ kind: 'mask', text, category: span.lead.category, redactionIds: span.ids });
    log.push({ n: log.length + 1, placeholder: text, category: span.lead.category, reason: span.lead.reason, decidedBy: span.lead.decidedBy });
    at = Math.min(Math.max(span.end, at), doc.body.length);
  }
  if (at < doc.body.length) pieces.push({ kind: 'text', text: doc.body.slice(at) });
  return { pieces, text: pieces.map((p) => p.text).join(''), log };
}
