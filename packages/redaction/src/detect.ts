import { defaultAllowList, type AllowList } from './allowlist.ts';
import { detectArabic, detectArabicPhrases } from './arabic.ts';
import { dropBoilerplate } from './boilerplate.ts';
import { SentenceContext } from './context.ts';
import { personSpans, placeSpans } from './entities.ts';
import { detectHiding } from './hiding.ts';
import { detectInformalNames } from './informal.ts';
import { markInstitutions } from './institutions.ts';
import { detectPersons } from './person.ts';
import { detectPlaces } from './place.ts';
import { detectQuasi, runQuasiPatterns } from './quasi.ts';
import { detectArabicQuasi } from './quasi-ar.ts';
import { MORE_QUASI } from './quasi-more.ts';
import { capRuns, nameLikeWords } from './runs.ts';
import { tokenise, type Tokenised } from './tokens.ts';
import type { DetectedSpan, DetectOptions } from './types.ts';

export const DEFAULT_MIN_CONFIDENCE = 0.5;
const ARABIC_RE = /[\u0600-\u06FF]/;

/** Suggests redactions in a testimony. Offsets are UTF-16 indices into `text`. */
export function detect(text: string, options: DetectOptions = {}): DetectedSpan[] {
  return analyse(text, options).spans;
}

export interface Analysis {
  doc: Tokenised;
  /** tokens covered by a public entity (built-in or caller allow-list) */
  pub: Uint8Array;
  allow: AllowList;
  spans: DetectedSpan[];
}

/** detect() with the intermediate results the name ledger reuses (one tokenisation per call). */
export function analyse(text: string, options: DetectOptions = {}): Analysis {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const doc = tokenise(text);
  const allow = defaultAllowList.with(options.allow);
  const pub = allow.mark(doc.tokens);
  markInstitutions(doc, pub);
  const nameLike = nameLikeWords(doc, pub);
  const runs = capRuns(doc, pub, nameLike);

  const persons = detectPersons(doc, runs, nameLike);
  const pronouns = new SentenceContext(doc, new Uint8Array(doc.tokens.length));
  const people = personSpans(doc, runs, persons.hits, persons.bylines, pronouns);
  const personTokens = new Uint8Array(doc.tokens.length);
  const personRunStarts = new Set<number>();
  for (const h of persons.hits) personRunStarts.add(h.run.first);
  const taken = new Set<number>();
  markTokens(doc.tokens, people.filter((s) => s.confidence >= DEFAULT_MIN_CONFIDENCE), personTokens, taken);
  for (const run of runs) if (persons.bylines.has(runKeyOf(doc.tokens, run.first, run.last))) for (let i = run.first; i < run.last; i++) taken.add(i);

  const ctx = new SentenceContext(doc, personTokens);
  const placeHits = detectPlaces(doc, runs, personRunStarts, ctx).filter((h) => !taken.has(h.run.first));
  const places = placeSpans(doc, runs, placeHits, taken);
  const found = [...people, ...places, ...detectHiding(doc, ctx, pub), ...detectQuasi(doc, ctx), ...runQuasiPatterns(doc, ctx, MORE_QUASI), ...detectInformalNames(doc, pub)];
  if (ARABIC_RE.test(text)) found.push(...detectArabic(doc, pub), ...detectArabicPhrases(text), ...detectArabicQuasi(text));
  const spans = tidy(dropBoilerplate(text, found, DEFAULT_MIN_CONFIDENCE).filter((s) => s.confidence >= minConfidence));
  extendPersons(doc, pub, spans);
  return { doc, pub, allow, spans };
}

function runKeyOf(tokens: ReturnType<typeof tokenise>['tokens'], a: number, b: number): string {
  const parts: string[] = [];
  for (let i = a; i < b; i++) parts.push(tokens[i]?.key ?? '');
  return parts.join(' ');
}

function markTokens(tokens: ReturnType<typeof tokenise>['tokens'], spans: DetectedSpan[], mask: Uint8Array, taken: Set<number>): void {
  let i = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const s of sorted) {
    while (i < tokens.length && (tokens[i]?.end ?? 0) <= s.start) i++;
    for (let j = i; j < tokens.length && (tokens[j]?.start ?? Infinity) < s.end; j++) {
      mask[j] = 1;
      taken.add(j);
    }
  }
}

/** Capitalised words that belong to the name before them: "BEN HALIM", "Uncle Saleh", "Hajja Zainab", initials "S. A.". */
const NAME_PREFIX_RE = /^(?:bin|ben|ibn|bint|abu|abou|umm|oum|um|al|el|uncle|aunt|auntie|hajja|hajji|haji|hajj|sheikh|shaykh|mullah|mawlawi|maulvi|mv|\p{Lu})$/iu;

function extendPersons(doc: Tokenised, pub: Uint8Array, spans: DetectedSpan[]): void {
  const { tokens, text } = doc;
  let ti = 0;
  for (let si = 0; si < spans.length; si++) {
    const s = spans[si];
    if (!s || s.category !== 'person') continue;
    while (ti < tokens.length && (tokens[ti]?.end ?? 0) <= s.start) ti++;
    let k = ti - 1;
    const prevEnd = spans[si - 1]?.end ?? 0;
    while (k >= 0) {
      const t = tokens[k];
      const next = tokens[k + 1];
      if (!t || !next || pub[k] || !t.cap || t.line !== next.line || t.start < prevEnd || !NAME_PREFIX_RE.test(t.text)) break;
      // Only a space between them, or "S. " after an initial.
      const gap = text.slice(t.end, s.start);
      if (!/^\.?[ \u00a0]$/.test(gap) || (gap.startsWith('.') && t.text.length > 2 && !/^mv$/i.test(t.text))) break;
      s.start = t.start;
      k--;
    }
  }
}

const RANK = { person: 0, place: 1, hiding: 2, quasi: 3, other: 4 } as const;

/** Sorted, without duplicates or nested suggestions. */
function tidy(spans: DetectedSpan[]): DetectedSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.category] - RANK[b.category]);
  const out: DetectedSpan[] = [];
  let open: DetectedSpan[] = [];
  for (const s of spans) {
    open = open.filter((o) => o.end > s.start);
    // A name inside an accepted hiding phrase is already covered (and the export leak gate still
    // checks it); a quasi-identifier overlapping anything adds no protection, only clicks.
    const dup = open.some(
      (o) =>
        (o.start <= s.start && o.end >= s.end && (o.category === s.category || o.category === 'hiding' || s.category === 'quasi')) ||
        (s.category === 'quasi' && o.end > s.start),
    );
    if (dup) continue;
    // Overlapping hiding phrases are one suggestion.
    const joined = s.category === 'hiding' ? open.find((o) => o.category === 'hiding' && o.end > s.start) : undefined;
    if (joined) {
      joined.end = Math.max(joined.end, s.end);
      continue;
    }
    out.push(s);
    open.push(s);
  }
  return out;
}
