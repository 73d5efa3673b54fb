import { FOREIGN_FUNCTION_WORDS, gazetteer, isEnglishWord, NAME_CONNECTORS, nameStrength, PLACE_HEAD_KEYS } from './lexicon.ts';
import { wordKey } from './normalise.ts';
import type { Token, Tokenised } from './tokens.ts';

/** A maximal sequence of capitalised words (with Arabic name connectors) on one line. */
export interface Run {
  first: number;
  last: number;
  start: number;
  end: number;
}

/** English contractions and pronouns are never names or places, whatever a name list says. */
const CONTRACTION_RE = /['’](?:ve|re|ll|d|m|t)$/i;
const PRONOUNS = new Set(['you', 'he', 'she', 'we', 'they', 'it', 'me', 'him', 'her', 'us', 'them', 'my', 'his', 'our', 'your', 'their', 'its']);
/** French elided articles and pronouns: l'État, d'Alep, j'ai, qu'il. */
const ELIDED_RE = /^(?:[ldjmnstc]|qu)['’]/i;
const JOINING_GAP_RE = /^[ \u00a0\t]*$/;

function joinable(tokens: readonly Token[], pub: Uint8Array, i: number): boolean {
  const t = tokens[i];
  if (!t || pub[i] || t.arabic || /^\d/.test(t.text) || t.text.length < 2 || CONTRACTION_RE.test(t.text) || PRONOUNS.has(t.lower) || FOREIGN_FUNCTION_WORDS.has(t.lower) || ELIDED_RE.test(t.text)) return false;
  if (t.cap) return true;
  // Lower-case article or connector inside a name: "Abu Hafs al Jazrawi", "Mohammed bin Salem".
  const next = tokens[i + 1];
  return (t.article || NAME_CONNECTORS.has(t.lower)) && !!next && next.cap && !pub[i + 1];
}

/** Splits the capitalised words of the text into runs, leaving out public entities. */
export function capRuns(doc: Tokenised, pub: Uint8Array, nameLike: Set<string> = new Set()): Run[] {
  const { tokens, text } = doc;
  const runs: Run[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t || !t.cap || !joinable(tokens, pub, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const prev = tokens[j - 1];
      const cur = tokens[j];
      if (!prev || !cur || prev.possessive || cur.line !== prev.line) break;
      if (!JOINING_GAP_RE.test(text.slice(prev.end, cur.start))) break;
      if (!joinable(tokens, pub, j)) break;
      j++;
    }
    // A run never ends on a connector ("Abu" before a comma belongs to nothing).
    let last = j;
    while (last > i + 1 && !tokens[last - 1]?.cap) last--;
    const lastTok = tokens[last - 1];
    if (lastTok) runs.push(trimRun(doc, { first: i, last, start: t.start, end: lastTok.end }, nameLike));
    i = j;
  }
  return runs.filter((r) => r.last > r.first);
}

/*
 * A given name that is also an English word ("Anas", "Hamza", "Hope") counts as a name when the text
 * uses it like one: never written in lower case, capitalised at least twice, once mid-sentence.
 */
export function nameLikeWords(doc: Tokenised, pub?: Uint8Array): Set<string> {
  const lowerSeen = new Set<string>();
  const capCount = new Map<string, [number, string]>();
  const midSeen = new Set<string>();
  const nearPublic = new Set<string>();
  doc.tokens.forEach((t, i) => {
    if (pub && (pub[i - 1] || pub[i + 1]) && t.cap) nearPublic.add(t.lower);
  });
  for (const t of doc.tokens) {
    if (t.arabic) continue;
    if (!t.cap) {
      lowerSeen.add(t.lower);
      continue;
    }
    if (t.allCaps) continue;
    const c = capCount.get(t.lower);
    if (c) c[0]++;
    else capCount.set(t.lower, [1, t.key]);
    if (!t.posStart) midSeen.add(t.lower);
  }
  const out = new Set<string>();
  for (const [w, [n, key]] of capCount) {
    if (n >= 2 && midSeen.has(w) && !lowerSeen.has(w) && !nearPublic.has(w) && w.length >= 3 && nameStrength(key, w) === 'weak') out.add(w);
  }
  return out;
}

/** Drops words that are capitalised only by position ("When", "After") from the front of a run. */
function trimRun(doc: Tokenised, run: Run, nameLike: Set<string>): Run {
  const { tokens } = doc;
  let first = run.first;
  while (first < run.last - 0) {
    const t = tokens[first];
    if (!t) break;
    const positional = t.posStart || t.allCaps;
    if (!positional || !isEnglishWord(t.lower) || nameStrength(t.key, t.lower) === 'strong' || nameLike.has(t.lower)) break;
    if (gazetteerPrefix(tokens, first, run.last) > 0) break;
    if (PLACE_HEAD_KEYS.has(t.key) && first + 1 < run.last) break;
    first++;
  }
  const head = tokens[first];
  return head ? { first, last: run.last, start: head.start, end: run.end } : { ...run, first: run.last };
}

/** Phrase key of tokens [from, to), with loose article words glued to the next word's key. */
export function runKey(tokens: readonly Token[], from: number, to: number): string {
  const parts: string[] = [];
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (!t) continue;
    if (t.article && k + 1 < to) continue;
    const prev = tokens[k - 1];
    if (prev && prev.article && k > from) parts.push(wordKey(`${prev.text}-${t.text}`));
    else parts.push(t.key);
  }
  return parts.join(' ');
}

/** Length (in tokens) of the longest gazetteer name starting at token `from`, within [from, to). */
export function gazetteerPrefix(tokens: readonly Token[], from: number, to: number): number {
  for (let n = Math.min(4, to - from); n >= 1; n--) {
    const key = runKey(tokens, from, from + n);
    const hit = gazetteer(key) ?? gazetteer(frenchFormKey(tokens[from + n - 1], key));
    if (hit && !(n === 1 && hit[2] === 1)) return n;
  }
  return 0;
}

/** French writes many Arabic town names with a final -e ("Mayadine" for Mayadin): the key without it. */
function frenchFormKey(last: Token | undefined, key: string): string {
  return last && !last.arabic && /[^e]e$/i.test(last.text) && key.endsWith('a') && key.length > 5 ? key.slice(0, -1) : '';
}
