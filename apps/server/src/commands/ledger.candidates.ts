import { review, variantKey, type DetectedSpan, type ReviewMention } from '@desk/redaction';
import type { Tx } from '../repo/conn.ts';
import { insertLedgerEntities } from '../repo/ledger.repo.ts';

export type { ReviewMention };

/**
 * Detection with name-ledger candidates: the engine's suggestions (`spans`) and `review`, every
 * mention of every proper-noun-like entity it neither suggested nor knows as public, grouped by
 * `entityKey`. The organisation's allow-list terms are extra public terms for both.
 */
export function detectWithReview(body: string, allow: string[]): { spans: DetectedSpan[]; review: ReviewMention[] } {
  return review(body, { allow });
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
