import type { SentenceContext } from './context.ts';
import { isEnglishWord, nameStrength, PLACE_HEAD_KEYS } from './lexicon.ts';
import { gazetteerPrefix, runKey, type Run } from './runs.ts';
import type { Token, Tokenised } from './tokens.ts';

/*
 * Places. A run is a place when GeoNames knows it, or when the sentence builds it as one ("the
 * village of X", "X province"), or when an unknown word follows a movement preposition in a sentence
 * about the witness. Whether it is *suggested* depends on ties to the witness: see placeTie().
 */
export interface PlaceHit {
  run: Run;
  key: string;
  known: boolean;
  /** tie of this mention to the witness: 'home' (his village), 'personal' (his movements), 'none' */
  tie: 'home' | 'personal' | 'none';
}

const PREPOSITIONS = new Set([
  'in', 'at', 'to', 'from', 'near', 'into', 'across', 'through', 'towards', 'toward', 'outside', 'around', 'via', 'opposite',
  'reach', 'reached', 'reaching', 'entered', 'left', 'leaving', 'leave', 'crossed', 'visit', 'visited', 'inside', 'of', 'between', 'and',
  // French
  'à', 'au', 'aux', 'vers', "jusqu'à", 'jusqu’à', 'chez', 'dans', 'depuis', 'près', 'de', 'du', "d'", 'en', 'par',
]);
const ARTICLES = new Set(['the', 'le', 'la', 'les', "l'"]);
const PLACE_NOUNS = new Set([
  'village', 'villages', 'town', 'city', 'province', 'region', 'district', 'governorate', 'camp', 'area', 'neighbourhood',
  'neighborhood', 'suburb', 'countryside', 'outskirts', 'hamlet', 'quarter', 'municipality', 'hometown', 'homeland', 'valley',
  'ville', 'bourg', 'hameau', 'quartier', 'région', 'commune', 'localité', 'vallée', 'banlieue',
]);
const HOME_RE = /(?:\b(?:my|his|her|our|their)\s+(?:own\s+)?(?:home\s*town|home|native|birth|family(?:'s)?)?\s*(?:village|town|city|region|province|area|district|neighbou?rhood|hometown)\b(?:\s+of)?[\s\w-]{0,30}|\boriginaire\s+(?:du|de\s+la|de|d['’])\s*(?:(?:village|ville|région|quartier|province|bourg|hameau)\s+(?:de|d['’])\s*)?|\b(?:mon|son|sa|notre|leur)\s+(?:village|ville|quartier|bourg)(?:\s+natal)?\s*,?\s*(?:de\s+)?)$/iu;
const ORIGIN_RE = /\b(?:from|native of|hails from|comes? from|grew up in|born in|raised in|venue? de|venus de|née? à|a grandi à)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/iu;

export function detectPlaces(doc: Tokenised, runs: readonly Run[], personRuns: Set<number>, ctx: SentenceContext): PlaceHit[] {
  const { tokens, text } = doc;
  const hits: PlaceHit[] = [];
  for (const run of runs) {
    const first = tokens[run.first];
    if (!first) continue;
    const prev = tokens[run.first - 1];
    const sameSentencePrev = prev && prev.sentence === first.sentence ? prev : undefined;
    const prev2 = tokens[run.first - 2];
    // "in the Chamishku camp", "dans le camp": a preposition before the article counts.
    const afterPrep =
      !!sameSentencePrev &&
      (PREPOSITIONS.has(sameSentencePrev.lower) || (ARTICLES.has(sameSentencePrev.lower) && !!prev2 && prev2.sentence === first.sentence && PREPOSITIONS.has(prev2.lower)));
    const ofWord = sameSentencePrev?.lower;
    const nounOf = (ofWord === 'of' || ofWord === 'de' || ofWord === 'du' || ofWord === "d'") && PLACE_NOUNS.has(prev2?.lower ?? '');
    // "Tell Abyad", "Kafr Dael", "Deir Mashkour": a place-name head with a name after it.
    const placeHead = PLACE_HEAD_KEYS.has(first.key) && run.last - run.first >= 2;
    const lastTok = tokens[run.last - 1];
    const nounAfter = PLACE_NOUNS.has(tokens[run.last]?.lower ?? '') || PLACE_NOUNS.has(lastTok?.lower ?? '');
    // Persons win unless the sentence builds a place ("in Maher" is rare; "the village of Maher" is not).
    if (personRuns.has(run.first) && !nounOf && !placeHead) continue;
    const n = gazetteerPrefix(tokens, run.first, run.last);
    let last = run.last;
    let known = false;
    if (placeHead && n < run.last - run.first) {
      last = run.last;
    } else if (n > 0) {
      const single = n === 1 ? first : undefined;
      // A known given name that is also a village (GeoNames has many) needs a place construction.
      if (single && nameStrength(single.key, single.lower) !== 'none' && !afterPrep && !nounOf && !nounAfter) continue;
      known = true;
      last = run.first + n;
      if (nounAfter && PLACE_NOUNS.has(tokens[last]?.lower ?? '') && (tokens[last]?.cap ?? false)) last++;
    } else if (placeHead) {
      // known = false: a constructed place, suggested on its ties like any other
    } else if (nounOf || nounAfter) {
      if (tokens.slice(run.first, run.last).every((t) => isEnglishWord(t.lower) || nameStrength(t.key, t.lower) !== 'none') && !nounOf) continue;
    } else if (afterPrep && unknownWords(tokens, run) && ctx.isPersonal(first.sentence)) {
      // an unknown proper noun after "to/from/in" in a sentence about the witness's movements
    } else continue;
    const end = tokens[last - 1]?.end ?? run.end;
    const placeRun: Run = { first: run.first, last, start: run.start, end };
    hits.push({ run: placeRun, key: runKey(tokens, run.first, last), known, tie: placeTie(doc, placeRun, afterPrep || nounOf || placeHead, ctx, text) });
  }
  return hits;
}

function unknownWords(tokens: readonly Token[], run: Run): boolean {
  for (let i = run.first; i < run.last; i++) {
    const t = tokens[i];
    if (!t || isEnglishWord(t.lower) || t.allCaps) return false;
  }
  return true;
}

/** How a mention ties the place to the witness. */
export function placeTie(doc: Tokenised, run: Run, prepositional: boolean, ctx: SentenceContext, text: string): PlaceHit['tie'] {
  const first = doc.tokens[run.first];
  if (!first) return 'none';
  const sentence = doc.sentences[first.sentence];
  const before = text.slice(Math.max(sentence?.start ?? 0, run.start - 60), run.start);
  if (HOME_RE.test(before)) return 'home';
  if (ORIGIN_RE.test(before) && ctx.hasPersonalSubject(first.sentence)) return 'personal';
  if (prepositional && ctx.isPersonal(first.sentence)) return 'personal';
  return 'none';
}
