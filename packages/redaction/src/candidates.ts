import type { AllowList } from './allowlist.ts';
import { isCommonArabicWord } from './arabic-words.ts';
import { FOREIGN_FUNCTION_WORDS, gazetteer, isCommonWord, KUNYA_HEADS, NAME_CONNECTORS, nameStrength } from './lexicon.ts';
import { arabicWordKey, ARTICLE_WORDS } from './normalise.ts';
import type { Token, Tokenised } from './tokens.ts';
import type { DetectedSpan } from './types.ts';

/*
 * Candidates for the name ledger: every mention of a proper-noun-like word that the engine did not
 * suggest and that is not public. Suggestions are a guess; candidates are the safety net, so they
 * lean towards recall: a capitalised word that is not an ordinary word in its position, ALL-CAPS and
 * title-case names, kunya and article forms, each part of a hyphenated compound, Arabic-script words
 * that are not common Arabic words, and — in informal transcripts that write names in lower case —
 * lower-case words the given-name list or the gazetteer knows.
 */
export interface Mention {
  start: number;
  end: number;
  text: string;
  /** key of the words that name the entity (titles and connectors left out) */
  nameKey: string;
}

/** Words capitalised by convention, never names: calendar words, the pronoun "I", salutations. */
const CONVENTIONAL_CAPS = new Set(
  (
    'i monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ' +
    'mr mrs ms dr prof sir madam ok okay god allah eid ramadan christmas easter quran koran bible internet'
  ).split(' '),
);
/** Titles and honorifics: kept inside a mention, left out of its entity key. */
const TITLES = new Set(
  'mr mrs ms dr sheikh shaykh sheik cheikh haji hajji hajj haj hajja hajjah imam mullah mukhtar colonel general captain major sergeant lieutenant commander judge uncle aunt auntie ustaz ustadh'.split(' '),
);
const KUNYA_WORDS = new Set([...KUNYA_HEADS, 'oum', 'abou', 'abd', 'abdel', 'abdul']);
const PLACE_NOUNS = new Set('valley river camp village town district province region neighbourhood neighborhood quarter road street bridge crossing checkpoint mountain mountains hills plain desert camp market square hospital school mosque prison'.split(' '));
const SECTION_HEADS = new Set('camp block sector zone section building hangar ward cell gate phase unit'.split(' '));
/** Arabic kinship, kunya and place-head words (arabicWordKey forms) after which a common word is a name. */
const ARABIC_CUES = new Set('عم العم عمي خال خالي حاج حاجه الحاج الحاجه شيخ الشيخ ابو ابي ام اخي اختي كفر تل عين دير بيت قريه بلده مخيم حي جسر خربه'.split(' ').map((w) => arabicWordKey(w)));
const PRONOUNS = new Set(['you', 'he', 'she', 'we', 'they', 'it', 'me', 'him', 'her', 'us', 'them', 'my', 'his', 'our', 'your', 'their', 'its']);
const CONTRACTION_RE = /['’](?:ve|re|ll|d|m|t|s)$/i;
const ELIDED_RE = /^(?:[ldjmnstc]|qu)['’]/i;
const GLUED_ARTICLE_RE = /^(?:[ae]l|[ae](?:sh|th|dh|[tdrszn]))-\p{L}/iu;
const JOIN_GAP_RE = /^[ \u00a0\t]*$/;

/**
 * An informal transcript writes sentences and names in lower case: a good share of its Latin sentences
 * start lower-case, or the pronoun "i" is written lower-case.
 */
export function isInformal(doc: Tokenised): boolean {
  let latin = 0;
  let lower = 0;
  for (const s of doc.sentences) {
    const t = doc.tokens[s.first];
    if (!t || t.arabic || /^\d/.test(t.text)) continue;
    latin++;
    if (!t.cap) lower++;
  }
  let lowerI = 0;
  for (const t of doc.tokens) if (t.text === 'i') lowerI++;
  return (lower >= 3 && lower / Math.max(latin, 1) >= 0.15) || lowerI >= 2;
}

/** A line set in title case ("How We Crossed The River"): its capitals say nothing about names. */
function titleCaseLines(doc: Tokenised): Set<number> {
  const out = new Set<number>();
  doc.lines.forEach(([a, b], line) => {
    let words = 0;
    let caps = 0;
    for (let i = a; i < b; i++) {
      const t = doc.tokens[i];
      if (!t || t.arabic || t.text.length < 4) continue;
      words++;
      if (t.cap) caps++;
    }
    if (words >= 3 && caps / words >= 0.75) out.add(line);
  });
  return out;
}

function knownName(t: Token): boolean {
  const strength = nameStrength(t.key, t.lower);
  if (strength === 'strong') return true;
  const g = gazetteer(t.key);
  return !!g && g[2] === 0 && !isCommonWord(t.lower);
}

/** Is token i, by itself, a proper-noun-like word? */
function nameLikeToken(t: Token, informal: boolean, titleLine: boolean): boolean {
  if (t.arabic) return !isCommonArabicWord(t.text, t.key);
  if (/\d/.test(t.text) || PRONOUNS.has(t.lower) || FOREIGN_FUNCTION_WORDS.has(t.lower) || ELIDED_RE.test(t.text)) return false;
  if (CONTRACTION_RE.test(t.text) && !t.possessive) return false;
  if (CONVENTIONAL_CAPS.has(t.lower) || ARTICLE_WORDS.has(t.lower)) return false;
  if (t.text.length < 2) return false;
  if (GLUED_ARTICLE_RE.test(t.text)) return !isCommonWord(t.lower.replace(/^[a-z]+-/, '')) || t.cap;
  if (t.allCaps) return !isCommonWord(t.lower) || knownName(t);
  if (t.cap) {
    // Mid-sentence capitals mark a proper noun; capitals by position only when the word is no common word.
    if (!t.posStart && !titleLine) return true;
    return !isCommonWord(t.lower) || knownName(t);
  }
  return informal && knownName(t);
}

/** Parts of a hyphenated compound of names ("Idlib-Hama"), each its own mention. */
function hyphenParts(t: Token): Array<[number, number]> | undefined {
  if (t.arabic || !t.text.includes('-') || GLUED_ARTICLE_RE.test(t.text)) return undefined;
  const parts: Array<[number, number]> = [];
  let offset = 0;
  for (const p of t.text.split('-')) {
    if (/^\p{Lu}/u.test(p) && p.length >= 2) parts.push([t.start + offset, t.start + offset + p.length]);
    offset += p.length + 1;
  }
  return parts.length >= 2 ? parts : undefined;
}

export function findCandidates(doc: Tokenised, pub: Uint8Array, allow: AllowList, spans: readonly DetectedSpan[]): Mention[] {
  const { tokens, text } = doc;
  const covered = coverage(text.length, spans);
  const isCovered = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if (!covered[i] && /[\p{L}\p{N}]/u.test(text[i] ?? '')) return false;
    return true;
  };
  const informal = isInformal(doc);
  const titleLines = titleCaseLines(doc);
  const out: Mention[] = [];
  const like = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || pub[i] || isCovered(t.start, t.end)) continue;
    const parts = hyphenParts(t);
    if (parts) {
      for (const [a, b] of parts) {
        const part = text.slice(a, b);
        if (!allow.has(part) && !isCovered(a, b) && !isCommonWord(part.toLowerCase())) out.push(mention(text, a, b, [part]));
      }
      continue;
    }
    if (nameLikeToken(t, informal, titleLines.has(t.line))) like[i] = 1;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t || !next || pub[i] || pub[i + 1] || next.line !== t.line || isCovered(next.start, next.end)) continue;
    const gap = text.slice(t.end, next.start);
    // Arabic cue words (kinship, kunya, place heads): the next word is a name even when it is also a word.
    if (t.arabic && next.arabic && ARABIC_CUES.has(t.key) && /^\s+$/.test(gap)) {
      like[i] = like[i] || 2;
      like[i + 1] = 1;
    }
    // Initials and short title abbreviations: "S. A. El-Mabrouk", "Mv. Kalam".
    if (!t.arabic && t.cap && t.text.length <= 3 && /^\.[ \u00a0]$/.test(gap) && next.cap) {
      like[i] = like[i] || 2;
      if (!like[i + 1] && !isCommonWord(next.lower)) like[i + 1] = 1;
      else if (!like[i + 1] && next.text.length === 1) like[i + 1] = 2;
      else if (!like[i + 1]) like[i + 1] = 1;
    }
    // Numbered sections of camps and prisons: "Camp 15", "Block E-3".
    if (!t.arabic && t.cap && SECTION_HEADS.has(t.lower) && /^[ \u00a0]$/.test(gap) && /^(?:\d+[A-Za-z]?|[A-Z](?:-?\d+)?)$/.test(next.text)) {
      like[i] = 1;
      like[i + 1] = 1;
    }
  }
  // Kunya forms in any case: "abu sakin", "Oum Ahmad", "ibn Rashid" (the head alone is no name).
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t || !next || pub[i] || pub[i + 1] || !KUNYA_WORDS.has(t.lower) || next.line !== t.line || t.arabic) continue;
    if (!JOIN_GAP_RE.test(text.slice(t.end, next.start)) || /\d/.test(next.text) || next.text.length < 2) continue;
    if (next.cap || like[i + 1] || !isCommonWord(next.lower)) {
      like[i] = 2;
      if (!isCovered(next.start, next.end)) like[i + 1] = 1;
    } else if (like[i] === 1) like[i] = 0;
  }
  // Titles and connectors join the name after them: "Hajja Zainab", "bin Salem", "al Hamra".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t || !next || like[i] || pub[i] || !like[i + 1] || next.line !== t.line) continue;
    if (KUNYA_HEADS.has(t.lower) || NAME_CONNECTORS.has(t.lower) || TITLES.has(t.lower) || t.article) like[i] = 2;
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!like[i]) continue;
    let j = i + 1;
    while (j < tokens.length && like[j] && sameRun(tokens, text, j)) j++;
    emitRun(tokens, text, i, j, like, allow, out);
    i = j - 1;
  }
  return out;
}

function sameRun(tokens: readonly Token[], text: string, j: number): boolean {
  const prev = tokens[j - 1];
  const cur = tokens[j];
  if (!prev || !cur || prev.possessive || prev.line !== cur.line || prev.arabic !== cur.arabic) return false;
  const gap = text.slice(prev.end, cur.start);
  return JOIN_GAP_RE.test(gap) || (prev.cap && prev.text.length <= 3 && /^\.[ \u00a0]$/.test(gap));
}

function emitRun(tokens: readonly Token[], text: string, i: number, j: number, like: Uint8Array, allow: AllowList, out: Mention[]): void {
  const a = i;
  let b = j;
  while (b > a && like[b - 1] === 2) b--; // never end on a connector
  if (b <= a) return;
  const first = tokens[a];
  let last = tokens[b - 1];
  if (!first || !last) return;
  // "Nargis valley", "Qosmir camp": a place noun after the name belongs to the mention.
  const after = tokens[b];
  if (after && !after.cap && PLACE_NOUNS.has(after.lower) && after.line === last.line && JOIN_GAP_RE.test(text.slice(last.end, after.start))) last = after;
  const surface = text.slice(first.start, last.end);
  if (allow.has(surface)) return;
  const words: string[] = [];
  for (let k = a; k < b; k++) {
    const t = tokens[k];
    if (!t || TITLES.has(t.lower)) continue;
    words.push(t.text);
  }
  out.push(mention(text, first.start, last.end, words));
}

function mention(text: string, start: number, end: number, words: string[]): Mention {
  return { start, end, text: text.slice(start, end), nameKey: words.join(' ') };
}

function coverage(length: number, spans: readonly DetectedSpan[]): Uint8Array {
  const covered = new Uint8Array(length);
  for (const s of spans) covered.fill(1, Math.max(0, s.start), Math.min(length, s.end));
  return covered;
}
