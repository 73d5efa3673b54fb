import { isInformal } from './candidates.ts';
import { isCommonWord, KUNYA_HEADS, nameStrength } from './lexicon.ts';
import { KIN_BEFORE } from './person.ts';
import type { Token, Tokenised } from './tokens.ts';
import type { DetectedSpan } from './types.ts';

/*
 * Informal transcripts (voice notes, chats) write names in lower case: "my brother ibrahim", "abu sakin
 * came". There the capital-letter machinery sees nothing, so a lower-case word is suggested as a person
 * when the given-name list knows it (and it is no common word) and a kinship or role word stands before it,
 * or it is a kunya (abu / umm + word). Every other mention of the same word, in any case, shares its key.
 * Lower-case names without such a cue are left to the ledger's candidates.
 */
const SPEECH_AFTER = new Set(['says', 'said', 'told', 'tells', 'called', 'calls', 'asked', 'came', 'went', 'took', 'sent', 'died', 'was', 'is']);

function lowerName(t: Token | undefined, pub: Uint8Array, i: number): t is Token {
  return !!t && !t.cap && !t.arabic && !pub[i] && t.text.length >= 3 && nameStrength(t.key, t.lower) === 'strong' && !isCommonWord(t.lower);
}

export function detectInformalNames(doc: Tokenised, pub: Uint8Array): DetectedSpan[] {
  if (!isInformal(doc)) return [];
  const { tokens } = doc;
  const keys = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (!t || t.cap || t.arabic || pub[i]) continue;
    if (KUNYA_HEADS.has(t.lower) && next && !next.cap && !next.arabic && !pub[i + 1] && next.line === t.line && next.text.length >= 3 && (!isCommonWord(next.lower) || nameStrength(next.key, next.lower) !== 'none')) {
      keys.set(`${t.key} ${next.key}`, `person:${t.key} ${next.key}`);
      continue;
    }
    if (!lowerName(t, pub, i)) continue;
    const prev2 = tokens[i - 2];
    const selfIntro = prev?.lower === 'is' && (prev2?.lower === 'this' || prev2?.lower === 'name');
    const cued = (prev && prev.line === t.line && KIN_BEFORE.has(prev.lower)) || (next && next.line === t.line && SPEECH_AFTER.has(next.lower)) || selfIntro;
    if (cued) keys.set(t.key, `person:${t.key}`);
  }
  if (keys.size === 0) return [];
  const spans: DetectedSpan[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t || t.arabic || pub[i]) continue;
    const pair = next && next.line === t.line ? keys.get(`${t.key} ${next.key}`) : undefined;
    if (pair && next) {
      spans.push({ start: t.start, end: next.end, category: 'person', confidence: 0.8, reason: 'kunya in an informal transcript', entityKey: pair });
      i++;
      continue;
    }
    const key = keys.get(t.key);
    if (key) spans.push({ start: t.start, end: t.end, category: 'person', confidence: 0.75, reason: 'lower-case name in an informal transcript', entityKey: key });
  }
  return spans;
}
