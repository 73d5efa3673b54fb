import { FOREIGN_FUNCTION_WORDS, isEnglishWord, KUNYA_HEADS, NAME_CONNECTORS, nameStrength, PLACE_HEAD_KEYS } from './lexicon.ts';
import { gazetteerPrefix, type Run } from './runs.ts';
import type { Token, Tokenised } from './tokens.ts';

/*
 * Person names of private people. Evidence, strongest first: a pseudonym introduction ("whom we will
 * call X", "not his real name"), a kunya (Abu X / Umm X), an age apposition ("X, 28,"), a kinship or
 * role noun before the name ("his cousin X"), a known given name, a speech verb after the name.
 * Bylines and credits (a name alone on its line, "X / Reuters", "X covers the Middle East") are
 * journalists: public, and never suggested.
 */
export interface PersonHit {
  run: Run;
  confidence: number;
  reason: string;
}

export interface PersonResult {
  hits: PersonHit[];
  /** run keys of journalists / credits, never suggested anywhere in the text */
  bylines: Set<string>;
}

const PSEUDONYM_BEFORE_RE =
  /(?:\bcall(?:ed|ing|s)?(?: (?:him|her|them|himself|herself))?|\bnamed|\bnicknamed|\bknown as|\balias|\bidentif(?:y|ied|ies)(?: \w+)? (?:only )?(?:as|by)|\bgo(?:es)? by(?: the name)?|\bpseudonym|\bname (?:is|was)|\bintroduced (?:himself|herself) as|\breferred to (?:[\w ]{0,30} )?as|\bappel(?:é|ée|ons|lerons|lerai|le|lent)\b|\bsurnomm(?:é|ée)\b|\bse fait appeler)\s*["“‘']?$/i;
const PSEUDONYM_AFTER_RE =
  /^\s*["”’']?\s*[,(—–-]?\s*(?:not (?:his|her|their) real name|a pseudonym|(?:a |his |her )?(?:name|names) (?:has been |have been |was |were )?changed|an alias|a nom de guerre)/i;
const AGE_AFTER_RE = /^\s*(?:[,(]\s*\d{1,2}(?:\s*ans)?\s*[,)]|,\s+(?:a|an|now)\s+\d{1,2}[- ]years?[- ]old\b|\s+(?:was|is)\s+(?:a|an|then a|now a|only)\s+\d{1,2}[- ]years?[- ]old\b)/;
const SPEECH_VERBS = new Set(
  'says said recalls recalled explains explained told tells adds added remembers remembered asks asked continues continued insists insisted describes described admits admitted whispers whispered laughs laughed recounts recounted smiles smiled sighs sighed fled escaped joined wants wanted believes believed knows knew hopes hoped thinks thought decided stares stared managed spent claims claimed confirms confirmed agreed agrees replied replies answered answers'.split(
    ' ',
  ),
);
export const KIN_BEFORE = new Set(
  'brother sister father mother son daughter cousin uncle aunt wife husband friend neighbour neighbor commander emir smuggler guide colleague nephew niece grandfather grandmother fiance fiancee fiancé boss comrade cellmate mr mrs ms dr sheikh shaykh haji hajji haj hajj imam mullah teacher named called brother-in-law sister-in-law son-in-law daughter-in-law father-in-law mother-in-law stepbrother stepsister stepfather stepmother half-brother half-sister grandson granddaughter nephew driver interpreter fixer captain colonel sergeant lieutenant mukhtar classmate roommate housemate landlord host frère soeur sœur père mère fils fille cousine oncle tante femme épouse mari ami amie voisin voisine passeur chauffeur commandant émir'.split(
    ' ',
  ),
);
const BYLINE_AFTER_RE = /^\s*(?:[/|]\s*\p{Lu}|covers\b|reports\b|reported\b|reporting\b|writes\b|wrote\b|contributed\b|is an? (?:\w+ )?(?:correspondent|journalist|reporter|editor|photographer|writer|analyst|researcher|fellow|professor)\b|for (?:the )?\p{Lu}|,\s*(?:envoyée?s? spéciale?s?|correspondante?|journaliste|reporter|staff writer|special correspondent|senior correspondent)\b)/u;
const BYLINE_BEFORE_RE = /(?:\bby|\bpar|\bphoto(?:graph)?(?: by)?:?|\bcredit:?|©|\bwritten by|\breporting by|\bediting by|[/|])\s*$/i;

export function detectPersons(doc: Tokenised, runs: readonly Run[], nameLike: Set<string> = new Set()): PersonResult {
  const { tokens, text } = doc;
  const hits: PersonHit[] = [];
  const bylines = new Set<string>();
  for (const run of runs) {
    const first = tokens[run.first];
    if (!first) continue;
    const before = text.slice(Math.max(0, run.start - 80), run.start);
    const after = text.slice(run.end, run.end + 80);
    const names = nameTokens(tokens, run);
    if (names.length === 0 || names.every((t) => t.text.length < 2 || FUNCTION_WORDS.has(t.lower))) continue;
    if (looksLikePlace(tokens, run, before)) continue;
    if (isByline(doc, run, before, after)) {
      bylines.add(runSurfaceKey(tokens, run));
      continue;
    }
    const evidence = personEvidence(tokens, run, names, before, after, nameLike);
    if (evidence) hits.push({ run, ...evidence });
  }
  return { hits, bylines };
}

/** Pronouns and contractions that a name list may contain ("I", "You've"). */
const FUNCTION_WORDS = new Set(['i', 'you', 'he', 'she', 'we', 'they', 'it', 'me', 'him', 'her', 'us', 'them', 'the', 'a', 'an', 'my', 'his', 'our', 'your', 'their', 'its', ...FOREIGN_FUNCTION_WORDS]);
const PLACE_BEFORE_RE = /(?:\b(?:in|at|to|from|near|into|across|through|towards?|outside|around|via|opposite|(?:village|town|city|province|region|district|governorate|camp|area|neighbou?rhood|suburb|outskirts|countryside) of)|(?<![\p{L}])(?:vers|à|au|aux|depuis|dans|près de|jusqu['’]à|(?:village|ville|région|camp|quartier|province) (?:de|d['’])))\s+(?:the\s+)?$/iu;

/** A run GeoNames knows, built as a place by the sentence, or a multi-word place name, is not a person. */
function looksLikePlace(tokens: readonly Token[], run: Run, before: string): boolean {
  const head = tokens[run.first];
  if (head && PLACE_HEAD_KEYS.has(head.key) && run.last - run.first >= 2) return true;
  const n = gazetteerPrefix(tokens, run.first, run.last);
  if (n !== run.last - run.first) return false;
  return n >= 2 || PLACE_BEFORE_RE.test(before);
}

function nameTokens(tokens: readonly Token[], run: Run): Token[] {
  const out: Token[] = [];
  for (let i = run.first; i < run.last; i++) {
    const t = tokens[i];
    if (t && !t.article && !NAME_CONNECTORS.has(t.lower)) out.push(t);
  }
  return out;
}

function personEvidence(
  tokens: readonly Token[],
  run: Run,
  names: Token[],
  before: string,
  after: string,
  nameLike: Set<string>,
): { confidence: number; reason: string } | null {
  const first = tokens[run.first];
  if (!first) return null;
  if (PSEUDONYM_BEFORE_RE.test(before) || PSEUDONYM_AFTER_RE.test(after)) return { confidence: 0.95, reason: 'pseudonym introduced' };
  if (KUNYA_HEADS.has(first.lower) && run.last - run.first >= 2) return { confidence: 0.9, reason: 'kunya (Abu/Umm X)' };
  const strong = names.some((t) => nameStrength(t.key, t.lower) === 'strong' || nameLike.has(t.lower));
  const weak = names.some((t) => nameStrength(t.key, t.lower) === 'weak');
  const allWords = names.every((t) => isEnglishWord(t.lower));
  if (AGE_AFTER_RE.test(after) && (!allWords || weak)) return { confidence: 0.9, reason: 'name with age' };
  const prev = previousWord(tokens, run.first);
  if (prev && KIN_BEFORE.has(prev.lower) && (strong || weak || !allWords)) return { confidence: 0.85, reason: `name after "${prev.lower}"` };
  if (strong) return { confidence: 0.8, reason: 'known given name' };
  const next = nextWord(tokens, run.last);
  const speech = !!next && SPEECH_VERBS.has(next.lower) && next.sentence === first.sentence;
  if (speech && (weak || !allWords)) return { confidence: 0.7, reason: 'named speaker' };
  return null;
}

function previousWord(tokens: readonly Token[], i: number): Token | undefined {
  const t = tokens[i - 1];
  const cur = tokens[i];
  return t && cur && t.sentence === cur.sentence ? t : undefined;
}

function nextWord(tokens: readonly Token[], i: number): Token | undefined {
  return tokens[i];
}

function isByline(doc: Tokenised, run: Run, before: string, after: string): boolean {
  const { tokens } = doc;
  const first = tokens[run.first];
  if (!first || run.last - run.first < 2) return false;
  if (BYLINE_AFTER_RE.test(after) || BYLINE_BEFORE_RE.test(before)) return true;
  // A programme's host introduces the show: "From X Radio, this is Y. I'm Jane Doe." (a journalist).
  if (HOST_BEFORE_RE.test(before) && HOST_LINE_RE.test(lineText(doc, first.line))) return true;
  const line = doc.lines[first.line];
  if (!line) return false;
  const [a, b] = line;
  const extra = b - a - (run.last - run.first);
  // A full name alone on its line (optionally "By X") is a byline or photo credit.
  return (a === run.first && b === run.last) || (extra === 1 && a === run.first - 1 && tokens[a]?.lower === 'by');
}

const HOST_BEFORE_RE = /(?:\bI['’]m|\bI am|\bmy name is|\bje suis|\bje m['’]appelle)\s*$/i;
const HOST_LINE_RE = /\b(?:this is|welcome to|you(?:['’]re| are) listening to|vous écoutez|bienvenue dans)\b/i;

function lineText(doc: Tokenised, line: number): string {
  const l = doc.lines[line];
  if (!l) return '';
  const a = doc.tokens[l[0]];
  const b = doc.tokens[l[1] - 1];
  return a && b ? doc.text.slice(a.start, b.end) : '';
}

export function runSurfaceKey(tokens: readonly Token[], run: Run): string {
  const parts: string[] = [];
  for (let i = run.first; i < run.last; i++) parts.push(tokens[i]?.key ?? '');
  return parts.join(' ');
}
