/**
 * Occurrence finder for "redact all". It previews, in the browser, how many spans the server's
 * redact-all will touch, so the count must come from the same idea of "same word": word
 * boundaries plus a spelling-variant key.
 *
 * TODO(@desk/redaction): once that package exports `findOccurrences` (pure), import it here and
 * delete the local key below so the preview count and the server can never disagree.
 */

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’ʿʾ`][\p{L}\p{M}\p{N}]+)*/gu;
const MARKS_RE = /\p{M}/gu;
const ARABIC_HARAKAT_RE = /[\u0610-\u061A\u064B-\u065F\u0670\u0640]/g;

/** Conservative spelling key: case, diacritics, apostrophes, hamza/alef forms, doubled letters. */
export function localWordKey(word: string): string {
  return word
    .normalize('NFKD')
    .replace(ARABIC_HARAKAT_RE, '')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(/[`'’‘ʿʾ´]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/-/g, '')
    .replace(/(.)\1+/gu, '$1');
}

export interface Occurrence {
  start: number;
  end: number;
  text: string;
}

interface Word {
  start: number;
  end: number;
  key: string;
}

function words(s: string, key: (w: string) => string): Word[] {
  const out: Word[] = [];
  for (const m of s.matchAll(WORD_RE)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, key: key(m[0]) });
  }
  return out;
}

/** Every run of body words whose keys equal the needle's keys, separated only by spaces or punctuation on one line. */
export function findOccurrences(body: string, needle: string, key: (w: string) => string = localWordKey): Occurrence[] {
  const want = words(needle, key).map((w) => w.key);
  if (want.length === 0) return [];
  const have = words(body, key);
  const out: Occurrence[] = [];
  outer: for (let i = 0; i + want.length <= have.length; i++) {
    for (let j = 0; j < want.length; j++) {
      const w = have[i + j];
      if (!w || w.key !== want[j]) continue outer;
      const prev = have[i + j - 1];
      if (j > 0 && prev && /\n/.test(body.slice(prev.end, w.start))) continue outer;
    }
    const first = have[i];
    const last = have[i + want.length - 1];
    if (first && last) out.push({ start: first.start, end: last.end, text: body.slice(first.start, last.end) });
  }
  return out;
}

/** Distinct spellings among occurrences, most frequent first. */
export function spellings(occ: readonly { text: string }[]): { text: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of occ) counts.set(o.text, (counts.get(o.text) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
