import { detect, variantKey, type DetectedSpan } from '@desk/redaction';
import type { Tx } from '../repo/conn.ts';
import { insertLedgerEntities } from '../repo/ledger.repo.ts';

/** One mention of a candidate entity, as the engine's `review` output gives it. */
export type ReviewMention = { start: number; end: number; text: string; entityKey: string };

/**
 * Detection with ledger candidates. THIN ADAPTER until the engine's own candidate output
 * (`review`) lands in @desk/redaction: it lists capitalised Latin words in the middle of a
 * sentence that no suggestion covers, keyed by spelling variant. Everything else (ledger,
 * sign-off, allow-list) depends only on this function's shape, so switching to the engine
 * is a one-line change here.
 */
export function detectWithReview(body: string, allow: string[]): { spans: DetectedSpan[]; review: ReviewMention[] } {
  const spans = detect(body, { allow });
  const allowKeys = new Set(allow.map(termKey));
  const covered = (s: number, e: number) => spans.some((x) => x.start < e && s < x.end);
  const review: ReviewMention[] = [];
  for (const m of body.matchAll(/\p{Lu}[\p{Ll}\p{M}'’-]+(?:\s+\p{Lu}[\p{Ll}\p{M}'’-]+)*/gu)) {
    let start = m.index;
    let text = m[0];
    const end = start + text.length;
    const before = body.slice(Math.max(0, start - 3), start);
    // Sentence starts are capitalised anyway (the engine proper tells names there from words):
    // the first word of such a run is dropped.
    if (start === 0 || /[.!?:\n]\s*$|^\s*$/.test(before)) {
      const rest = /^\S+\s+/.exec(text);
      if (!rest) continue;
      start += rest[0].length;
      text = text.slice(rest[0].length);
    }
    if (covered(start, end) || allowKeys.has(termKey(text))) continue;
    review.push({ start, end, text, entityKey: `candidate:${termKey(text)}` });
  }
  return { spans, review };
}

/** The key an allow-list term or a spelling is matched by (spelling variants share it). */
export function termKey(term: string): string {
  return variantKey(term) || term.normalize('NFC').toLowerCase().trim();
}

const CONTEXT_CHARS = 60;

/** A short excerpt around a mention, cut at whole characters (never half a surrogate pair). */
export function excerpt(body: string, start: number, end: number): string {
  const chars = (s: string) => Array.from(s);
  const before = chars(body.slice(Math.max(0, start - CONTEXT_CHARS * 2), start)).slice(-CONTEXT_CHARS).join('');
  const after = chars(body.slice(end, end + CONTEXT_CHARS * 2)).slice(0, CONTEXT_CHARS).join('');
  const head = start - before.length > 0 ? '…' : '';
  const tail = end + after.length < body.length ? '…' : '';
  return `${head}${before}${body.slice(start, end)}${after}${tail}`.replace(/\s+/g, ' ').trim();
}

/**
 * Stores the engine's ledger candidates of a new testimony: one row per entity key with its
 * mentions, spellings and first context. Entities a current allow-list term covers are left
 * out (the engine was given the terms too; this also catches spellings it grouped differently).
 */
export async function storeLedger(tx: Tx, testimonyId: string, body: string, review: ReviewMention[], allowKeys: ReadonlySet<string>): Promise<number> {
  const byKey = new Map<string, ReviewMention[]>();
  for (const m of review) {
    if (m.start < 0 || m.end > body.length || m.end <= m.start) continue;
    const list = byKey.get(m.entityKey) ?? [];
    list.push(m);
    byKey.set(m.entityKey, list);
  }
  const rows = [];
  for (const [entityKey, list] of byKey) {
    list.sort((a, b) => a.start - b.start);
    const spellings = [...new Set(list.map((m) => body.slice(m.start, m.end)))];
    const keys = [...new Set(spellings.map(termKey))];
    if (keys.some((k) => allowKeys.has(k))) continue;
    const first = list[0]!;
    // The longest spelling names the entity best ("Nadia Haddad" over "Nadia").
    const label = spellings.reduce((a, b) => (b.length > a.length ? b : a));
    rows.push({
      testimonyId,
      entityKey: entityKey.slice(0, 500),
      label: label.slice(0, 200),
      spellings,
      keys,
      mentions: list.map((m) => ({ start: m.start, end: m.end })),
      mentionCount: list.length,
      firstStart: first.start,
      context: excerpt(body, first.start, first.end),
    });
  }
  await insertLedgerEntities(tx, rows);
  return rows.length;
}
