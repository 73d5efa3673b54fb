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
  /** `start`: where the text begins in the original body (for pointing a leak-gate finding there) */
  | { kind: 'text'; text: string; start: number }
  | { kind: 'mask'; text: string; category: Category; redactionIds: string[] };

/**
 * One line of the JSON export's redaction log: which placeholder, of what category, in order of
 * appearance. Nothing else: a free-text reason or a staff name would tell a reader about what was
 * removed (reasons quote names; "lives above the bakery on …").
 */
export interface LogEntry {
  n: number;
  placeholder: string;
  category: Category;
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
 * Pseudonyms: 1, 2, 3 … per category in reading order, one number per entity (its group, else the
 * span itself). Numbers are handed out at first appearance among the accepted spans only, so they
 * are dense and ordered: a gap or a late small number would reveal that something was decided
 * otherwise. The category is the span's own, so a place is never numbered among persons.
 */
function pseudonymNamer(): (r: ExportRedaction) => string {
  const numbers = new Map<string, number>();
  const next = new Map<Category, number>();
  return (r) => {
    const entity = `${r.category}:${r.entityGroupId ?? 'span:' + r.id}`;
    let n = numbers.get(entity);
    if (n === undefined) {
      n = (next.get(r.category) ?? 0) + 1;
      next.set(r.category, n);
      numbers.set(entity, n);
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
  const pseudonym = pseudonymNamer();
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
    if (start > at) pieces.push({ kind: 'text', text: doc.body.slice(at, start), start: at });
    const text = placeholder(span);
    pieces.push({ kind: 'mask', text, category: span.lead.category, redactionIds: span.ids });
    log.push({ n: log.length + 1, placeholder: text, category: span.lead.category });
    at = Math.min(Math.max(span.end, at), doc.body.length);
  }
  if (at < doc.body.length) pieces.push({ kind: 'text', text: doc.body.slice(at), start: at });
  return { pieces, text: pieces.map((p) => p.text).join(''), log };
}
