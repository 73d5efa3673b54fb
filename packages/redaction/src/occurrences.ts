import { findVariants, type AliasLookup } from './variants.ts';

/*
 * "Redact all", the find bar and the export leak gate, on top of the one variant matcher
 * (variants.ts). Pure and synchronous, so the browser (the redact-all preview) and worker threads (the
 * gate) run the very same code as the server. Place aliases are passed in by the caller: the package
 * root binds the gazetteer's (aliases.ts), the browser loads them on demand (alias-table.ts).
 */
export interface Occurrence {
  start: number;
  end: number;
  text: string;
}

export interface Leak extends Occurrence {
  secret: string;
}

/** Every occurrence of `needle` and its spelling variants in `text`, word-bounded, without overlaps. */
export function findOccurrences(text: string, needle: string, aliases?: AliasLookup): Occurrence[] {
  return findVariants(text, needle, aliases).map(({ start, end, text: t }) => ({ start, end, text: t }));
}

const WORDISH = /[\p{L}\p{M}\p{N}]/u;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/**
 * Exact, case-insensitive hits that stand as words: belt and braces under the variant matcher, which
 * reads words, so a secret made only of punctuation or symbols would slip past it. Arabic secrets may
 * carry a glued proclitic (و ب ل ...), so no left boundary there.
 */
function exactHits(text: string, secret: string): Array<{ start: number; end: number }> {
  const hay = text.toLocaleLowerCase();
  const needle = secret.toLocaleLowerCase();
  const out: Array<{ start: number; end: number }> = [];
  if (needle.trim() === '') return out;
  // When case folding changes the length (İ, ß), offsets cannot be mapped: match without folding.
  const [h, n] = hay.length === text.length && needle.length === secret.length ? [hay, needle] : [text, secret];
  const arabic = ARABIC.test(secret);
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    const before = h[i - 1] ?? ' ';
    const after = h[i + n.length] ?? ' ';
    const leftOk = arabic || !WORDISH.test(before) || !WORDISH.test(n[0] ?? '');
    const rightOk = !WORDISH.test(after) || !WORDISH.test(n[n.length - 1] ?? '');
    if (leftOk && rightOk) out.push({ start: i, end: i + n.length });
  }
  return out;
}

/**
 * Every place in a text where a secret, or a variant of it, is visible: one hit per secret and place
 * (overlapping hits of one secret merged to the widest), ordered by position.
 */
export function findLeaks(text: string, secrets: readonly string[], aliases?: AliasLookup): Leak[] {
  const out: Leak[] = [];
  const variants = findVariants(text, secrets, aliases);
  for (const secret of new Set(secrets)) {
    const spans = [...variants.filter((v) => v.needle === secret), ...exactHits(text, secret)].sort((a, b) => a.start - b.start || b.end - a.end);
    let last: Leak | undefined;
    for (const s of spans) {
      if (last && s.start < last.end) {
        if (s.end > last.end) {
          last.end = s.end;
          last.text = text.slice(last.start, last.end);
        }
        continue;
      }
      last = { secret, start: s.start, end: s.end, text: text.slice(s.start, s.end) };
      out.push(last);
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.secret < b.secret ? -1 : 1));
}
