/**
 * Caret movement over the testimony body for keyboard-only review. Offsets are UTF-16 indices
 * into the body (the server's unit). Words and sentences come from Intl.Segmenter, so Arabic,
 * accented letters and emoji are cut where a reader expects, never inside a surrogate pair.
 */
export interface Span {
  start: number;
  end: number;
}

const wordSeg = new Intl.Segmenter(undefined, { granularity: 'word' });
const sentenceSeg = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** Word-like segments (no spaces or punctuation) of the body, in order. Cached per body string. */
let cache: { body: string; words: Span[]; sentences: Span[] } | null = null;

function index(body: string): { words: Span[]; sentences: Span[] } {
  if (cache?.body === body) return cache;
  const words: Span[] = [];
  for (const s of wordSeg.segment(body)) if (s.isWordLike) words.push({ start: s.index, end: s.index + s.segment.length });
  const sentences: Span[] = [];
  for (const s of sentenceSeg.segment(body)) {
    // Trim so a sentence span starts and ends on text, not on the spaces or newlines after it.
    const lead = s.segment.length - s.segment.trimStart().length;
    const text = s.segment.trim();
    if (text) sentences.push({ start: s.index + lead, end: s.index + lead + text.length });
  }
  cache = { body, words, sentences };
  return cache;
}

/** Index of the first span ending after `offset` (binary search). */
function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.end ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function spanAt(spans: readonly Span[], offset: number): Span | null {
  const s = spans[firstEndingAfter(spans, offset)];
  if (s && s.start <= offset) return s;
  // Caret just after a word (before a space or at the end): that word.
  const prev = spans[firstEndingAfter(spans, offset) - 1];
  return prev && prev.end === offset ? prev : (s ?? prev ?? null);
}

function nextStart(spans: readonly Span[], offset: number): number | null {
  for (let i = firstEndingAfter(spans, offset); i < spans.length; i++) {
    const s = spans[i];
    if (s && s.start > offset) return s.start;
  }
  return null;
}

function prevStart(spans: readonly Span[], offset: number): number | null {
  for (let i = Math.min(firstEndingAfter(spans, offset), spans.length - 1); i >= 0; i--) {
    const s = spans[i];
    if (s && s.start < offset) return s.start;
  }
  return null;
}

export const wordAt = (body: string, offset: number) => spanAt(index(body).words, offset);
export const sentenceAt = (body: string, offset: number) => spanAt(index(body).sentences, offset);
export const nextWord = (body: string, offset: number) => nextStart(index(body).words, offset);
export const prevWord = (body: string, offset: number) => prevStart(index(body).words, offset);
export const nextSentence = (body: string, offset: number) => nextStart(index(body).sentences, offset);
export const prevSentence = (body: string, offset: number) => prevStart(index(body).sentences, offset);

/** End of the word that starts at or after `offset` — where "extend by one word" lands going forward. */
export function wordEndAfter(body: string, offset: number): number | null {
  const words = index(body).words;
  const w = words[firstEndingAfter(words, offset)];
  return w ? w.end : null;
}

/** Start of the word ending at or before `offset` — where "extend by one word" lands going back. */
export function wordStartBefore(body: string, offset: number): number | null {
  return prevStart(index(body).words, offset);
}

/**
 * Extend (or shrink) a selection by one unit. The anchor stays put; the focus moves. Returns the
 * new focus, clamped so it never crosses the anchor into an empty selection.
 */
export function moveFocus(body: string, focus: number, dir: 1 | -1, unit: 'word' | 'sentence'): number {
  if (unit === 'word') return (dir > 0 ? wordEndAfter(body, focus) : wordStartBefore(body, focus)) ?? focus;
  const spans = index(body).sentences;
  if (dir > 0) {
    const s = spans[firstEndingAfter(spans, focus)];
    return s ? s.end : focus;
  }
  return prevStart(spans, focus) ?? focus;
}
