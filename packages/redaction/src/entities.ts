import { sentenceAt, type SentenceContext } from './context.ts';
import { gazetteer, isEnglishWord, KUNYA_HEADS, NAME_CONNECTORS } from './lexicon.ts';
import type { PersonHit } from './person.ts';
import type { PlaceHit } from './place.ts';
import { runKey, type Run } from './runs.ts';
import type { Tokenised } from './tokens.ts';
import type { DetectedSpan } from './types.ts';

const LARGE_CITY = 500_000;
const STAYS_NOW_RE = /\b(?:lives?|living|hiding|hides|stays?|staying|rents?|rented|sheltering|vit|vivent|habite|habitent|cach[ée]e?s?|loge)\b/i;

function sentenceText(doc: Tokenised, offset: number): string {
  const s = doc.sentences[sentenceAt(doc, offset)];
  return s ? doc.text.slice(s.start, s.end) : '';
}

/*
 * Every occurrence of an entity gets one entityKey, so the officer accepts a person or place once.
 * Persons: the full form's name words are registered; any capitalised run made only of registered
 * words of one entity (short forms, ALL-CAPS datelines, other spellings via variant keys) is a mention.
 * Places: all mentions share a key; the entity is suggested when any mention ties it to the witness.
 */
interface PersonEntity {
  key: string;
  confidence: number;
  reason: string;
}

export function personSpans(
  doc: Tokenised,
  runs: readonly Run[],
  hits: readonly PersonHit[],
  bylines: Set<string>,
  ctx: SentenceContext,
): DetectedSpan[] {
  const { tokens } = doc;
  const byWord = new Map<string, PersonEntity>();
  const ordered = [...hits].sort((a, b) => b.run.last - b.run.first - (a.run.last - a.run.first) || b.confidence - a.confidence);
  const nameWords = (first: number, last: number) => {
    const out: string[] = [];
    for (let i = first; i < last; i++) {
      const t = tokens[i];
      if (!t || t.article || NAME_CONNECTORS.has(t.lower) || KUNYA_HEADS.has(t.lower) || t.core.length < 3) continue;
      if (isEnglishWord(t.lower) && last - first > 1) continue;
      out.push(t.core);
    }
    return out;
  };
  for (const h of ordered) {
    const key = 'person:' + runKey(tokens, h.run.first, h.run.last);
    const words = nameWords(h.run.first, h.run.last);
    // A shorter hit whose name words all belong to one longer entity is its short form:
    // "Abu Tareq" after "Abu Tareq al-Shami" is the same man, not a second one.
    // A kunya names someone by their child ("Abu Ahmed" is Ahmed's father), so a kunya only joins
    // a longer kunya it begins ("Abu Tareq" → "Abu Tareq al-Shami"), never an entity sharing a word.
    const head = tokens[h.run.first];
    let shortFormOf: PersonEntity | undefined;
    if (head && KUNYA_HEADS.has(head.lower)) {
      for (const e of byWord.values()) if (e.key.startsWith(key + ' ')) shortFormOf = e;
    } else {
      const owners = new Set(words.map((w) => byWord.get(w)));
      if (words.length > 0 && owners.size === 1) shortFormOf = [...owners][0];
    }
    const existing = byWord.get(runKey(tokens, h.run.first, h.run.last)) ?? shortFormOf;
    const entity = existing ?? { key, confidence: h.confidence, reason: h.reason };
    entity.confidence = Math.max(entity.confidence, h.confidence);
    byWord.set(runKey(tokens, h.run.first, h.run.last), entity);
    for (const w of words) if (!byWord.has(w)) byWord.set(w, entity);
  }
  const spans: DetectedSpan[] = [];
  for (const run of runs) {
    if (bylines.has(surface(doc, run))) continue;
    const whole = byWord.get(runKey(tokens, run.first, run.last));
    if (whole) {
      spans.push(span(run.start, run.end, whole));
      continue;
    }
    // Otherwise each registered word stands alone: "Hafs" in "Hafs Jazrawi's men".
    let i = run.first;
    while (i < run.last) {
      const t = tokens[i];
      const e = t ? byWord.get(t.core) : undefined;
      if (!t || !e) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < run.last && byWord.get(tokens[j]?.core ?? '') === e) j++;
      const endTok = tokens[j - 1];
      if (endTok) spans.push(span(t.start, endTok.end, e));
      i = j;
    }
  }
  return demoteStrays(doc, mergeVowelVariants(doc, spans), ctx);
}

/*
 * "Maher" and "Mahir" (one Arabic name, ماهر, transliterated two ways) get different variant keys:
 * the normaliser keeps e ≠ i because "Samer" and "Samir" are different names. Inside one text, two
 * person entities whose keys differ only by a/i in the final syllable are one person, unless both
 * forms appear in the same sentence ("Samir and Samer"), which means two people.
 */
const FINAL_VOWEL_RE = /([^aeiou ])[ai]([^aeiou ]+)(?= |$)/g;
function mergeVowelVariants(doc: Tokenised, spans: DetectedSpan[]): DetectedSpan[] {
  const byLoose = new Map<string, Map<string, number>>();
  for (const s of spans) {
    const loose = s.entityKey.replace(FINAL_VOWEL_RE, '$1V$2');
    if (loose === s.entityKey) continue;
    const m = byLoose.get(loose) ?? new Map<string, number>();
    m.set(s.entityKey, (m.get(s.entityKey) ?? 0) + 1);
    byLoose.set(loose, m);
  }
  const rename = new Map<string, string>();
  for (const keys of byLoose.values()) {
    if (keys.size !== 2) continue;
    const [a, b] = [...keys.keys()];
    if (!a || !b) continue;
    const sentencesOf = (k: string): Set<number> => new Set(spans.filter((s) => s.entityKey === k).map((s) => sentenceAt(doc, s.start)));
    const sa = sentencesOf(a);
    if ([...sentencesOf(b)].some((x) => sa.has(x))) continue;
    const [keep, drop] = (keys.get(a) ?? 0) >= (keys.get(b) ?? 0) ? [a, b] : [b, a];
    rename.set(drop, keep);
  }
  if (rename.size === 0) return spans;
  return spans.map((s) => {
    const to = rename.get(s.entityKey);
    return to ? { ...s, entityKey: to } : s;
  });
}

/*
 * A given name seen once, with no cue, in a sentence without any personal pronoun is far more often a
 * teaser, a series title or a public name than a witness; it stays available below the threshold.
 */
function demoteStrays(doc: Tokenised, spans: DetectedSpan[], ctx: SentenceContext): DetectedSpan[] {
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.entityKey, (counts.get(s.entityKey) ?? 0) + 1);
  return spans.map((s) => {
    if (counts.get(s.entityKey) !== 1 || s.reason !== 'known given name') return s;
    const first = doc.tokens.find((t) => t.start === s.start);
    if (!first || ctx.hasPersonalSubject(first.sentence, true)) return s;
    return { ...s, confidence: 0.45, reason: 'given name mentioned once, out of personal context' };
  });
}

function surface(doc: Tokenised, run: Run): string {
  const parts: string[] = [];
  for (let i = run.first; i < run.last; i++) parts.push(doc.tokens[i]?.key ?? '');
  return parts.join(' ');
}

function span(start: number, end: number, e: PersonEntity): DetectedSpan {
  return { start, end, category: 'person', confidence: e.confidence, reason: e.reason, entityKey: e.key };
}

const TIE_CONFIDENCE = { home: 0.95, personal: 0.85, none: 0.3 } as const;

export function placeSpans(doc: Tokenised, runs: readonly Run[], hits: readonly PlaceHit[], taken: Set<number>): DetectedSpan[] {
  const { tokens } = doc;
  const entities = new Map<string, { confidence: number; reason: string; known: boolean }>();
  for (const h of hits) {
    const e = entities.get(h.key) ?? { confidence: 0, reason: '', known: h.known };
    let c = TIE_CONFIDENCE[h.tie] - (h.known ? 0 : 0.05);
    // A large city names hundreds of thousands of people: context, never a suggestion on its own
    // (the officer still sees it among the candidates).
    // Where the witness lives or hides now still narrows the search: that stays a suggestion.
    if (h.known && (gazetteer(h.key)?.[0] ?? 0) >= LARGE_CITY && !STAYS_NOW_RE.test(sentenceText(doc, h.run.start))) c = Math.min(c, 0.3);
    if (c > e.confidence) {
      e.confidence = c;
      e.reason = h.tie === 'home' ? 'home place of the witness' : h.tie === 'personal' ? "place on the witness's route or stay" : 'place named as context';
    }
    e.known ||= h.known;
    entities.set(h.key, e);
  }
  const spans: DetectedSpan[] = [];
  const seen = new Set<number>();
  const emit = (start: number, end: number, key: string): void => {
    const e = entities.get(key);
    if (!e || seen.has(start)) return;
    seen.add(start);
    spans.push({ start, end, category: 'place', confidence: e.confidence, reason: e.reason, entityKey: 'place:' + key });
  };
  for (const h of hits) emit(h.run.start, h.run.end, h.key);
  // Other mentions of the same place that were not classified on their own (datelines, headings).
  for (const run of runs) {
    for (let i = run.first; i < run.last; i++) {
      if (taken.has(i)) continue;
      for (let n = Math.min(4, run.last - i); n >= 1; n--) {
        const key = runKey(tokens, i, i + n);
        if (!entities.has(key)) continue;
        const a = tokens[i];
        const b = tokens[i + n - 1];
        if (a && b) emit(a.start, b.end, key);
        i += n - 1;
        break;
      }
    }
  }
  return spans;
}
