import type { Category } from '@desk/protocol';
import { defaultGeneralisation, GENERALISATION_LABEL, revealsOriginal } from '@desk/redaction';
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
type Span = { start: number; end: number; lead: ExportRedaction; ids: string[]; members: ExportRedaction[] };

function mergedSpans(redactions: readonly ExportRedaction[]): Span[] {
  const accepted = redactions
    .filter((r) => r.state === 'accepted' && r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const r of accepted) {
    const last = out[out.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      last.ids.push(r.id);
      last.members.push(r);
    } else out.push({ start: r.start, end: r.end, lead: r, ids: [r.id], members: [r] });
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

/**
 * Generalise mode: a quasi-identifier shows a coarser value (the reviewer's, else the subtype's
 * default); names and places still get pseudonyms. Fails closed to the bare label if the value
 * would show any of the merged originals again.
 */
function generalised(doc: ExportDocument, span: Span): string {
  const r = span.lead;
  const value = r.generalisation ?? defaultGeneralisation(r.subtype ?? null, doc.body.slice(r.start, r.end), doc.language);
  const originals = [doc.body.slice(span.start, span.end), ...span.members.map((m) => doc.body.slice(m.start, m.end))];
  return originals.some((o) => revealsOriginal(value, o)) ? GENERALISATION_LABEL.other : value;
}

/** Builds the redacted text. Redacted characters are dropped here, so no renderer can ever see them. */
export function compose(doc: ExportDocument, mode: ReplacementMode): Composed {
  const pseudonym = pseudonymNamer(doc);
  const placeholder = (span: Span): string => {
    const r = span.lead;
    switch (mode) {
      case 'bar':
        return BAR;
      case 'label':
        return `[${CATEGORY_LABEL[r.category]}]`;
      case 'pseudonym':
        return pseudonym(r);
      case 'generalise':
        return span.members.every((m) => m.category === 'quasi') ? generalised(doc, span) : pseudonym(r);
    }
  };
  const pieces: Piece[] = [];
  const log: LogEntry[] = [];
  let at = 0;
  for (const span of mergedSpans(doc.redactions)) {
    const start = Math.max(span.start, at);
    if (start > at) pieces.push({ kind: 'text', text: doc.body.slice(at, start) });
    const text = placeholder(span);
    pieces.push({ kind: 'mask', text, category: span.lead.category, redactionIds: span.ids });
    log.push({ n: log.length + 1, placeholder: text, category: span.lead.category, reason: span.lead.reason, decidedBy: span.lead.decidedBy });
    at = Math.min(Math.max(span.end, at), doc.body.length);
  }
  if (at < doc.body.length) pieces.push({ kind: 'text', text: doc.body.slice(at) });
  return { pieces, text: pieces.map((p) => p.text).join(''), log };
}
