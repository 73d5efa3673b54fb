import type { Category, RedactionDto } from '@desk/protocol';

/** How a found piece of text stands: blacked out, waiting for a decision, or readable by anyone. */
export type HitState = 'redacted' | 'suggested' | 'visible';

export interface Span {
  start: number;
  end: number;
}

/** Index of the first redaction starting after `offset`; redactions are sorted by start. */
function firstStartingAfter(sorted: readonly RedactionDto[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.start ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Redactions fully covering `hit`, found by walking back from the last one starting at or before it. */
export function covering(sorted: readonly RedactionDto[], hit: Span): RedactionDto[] {
  const out: RedactionDto[] = [];
  // Spans are short (names, phrases); 64 earlier starts are far more than can still reach the hit.
  for (let i = firstStartingAfter(sorted, hit.start) - 1, seen = 0; i >= 0 && seen < 64; i--, seen++) {
    const r = sorted[i];
    if (r && r.end >= hit.end) out.push(r);
  }
  return out;
}

/** A hit is redacted when an accepted span covers all of it; a partly covered hit still shows text. */
export function hitState(sorted: readonly RedactionDto[], hit: Span): HitState {
  const cover = covering(sorted, hit);
  if (cover.some((r) => r.state === 'accepted')) return 'redacted';
  if (cover.some((r) => r.state === 'suggested')) return 'suggested';
  return 'visible';
}

const DATEISH = /^(?:\d[\d\s./:-]*|\d+\s*(?:years?|ans|yaşında)|(?:19|20)\d\d)$/i;

/**
 * Default category for a string the reviewer is about to redact: what the engine already called
 * one of its occurrences in this testimony (the engine's guess for that string), else a date or
 * number as a quasi-identifier, else a person — the most dangerous miss.
 */
export function guessCategory(sorted: readonly RedactionDto[], hits: readonly Span[], text: string): Category {
  const votes = new Map<Category, number>();
  for (const h of hits) {
    for (const r of covering(sorted, h)) {
      if (r.state === 'rejected') continue;
      const weight = r.start === h.start && r.end === h.end ? 2 : 1;
      votes.set(r.category, (votes.get(r.category) ?? 0) + weight);
    }
  }
  let best: Category | null = null;
  for (const [c, n] of votes) if (best === null || n > (votes.get(best) ?? 0)) best = c;
  if (best) return best;
  return DATEISH.test(text.trim()) ? 'quasi' : 'person';
}
