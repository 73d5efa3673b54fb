import { alignCost, budget, prepare, vowelSubCost, type Prepared } from './variants-align.ts';
import { parseWords, type Word } from './variants-forms.ts';

/*
 * A phrase (a needle, or a window of words in a text) as the set of sound forms it may stand for:
 * every combination of its words' readings, with articles dropped, optional place-type words kept
 * and dropped, and "SURNAME, Given" also read as "Given SURNAME". Two phrases match when some pair
 * of forms is within budget: Latin with Latin by weighted alignment, Arabic with Arabic by their
 * normalised letters, Latin with Arabic by consonant skeletons.
 */

export interface Form {
  form: string;
  /** consonant skeleton with heads, for comparing across scripts */
  skel: string;
  arabic: boolean;
  latin: boolean;
  cutStart: number;
  cutEnd: number;
  /** alignment data, made on first use */
  prep?: Prepared;
}

export interface Phrase {
  words: Word[];
  forms: Form[];
}

const MAX_FORMS = 32;

function combine(words: readonly Word[], reordered: boolean): Form[] {
  let acc: Form[] = [{ form: '', skel: '', arabic: false, latin: false, cutStart: 0, cutEnd: 0 }];
  const content = words.filter((w) => w.kind !== 'article');
  content.forEach((w, k) => {
    const next: Form[] = [];
    for (const f of acc) {
      if (w.kind === 'optional' && content.length > 1) next.push(f);
      for (const r of w.readings) {
        if (next.length >= MAX_FORMS) break;
        const sep = f.form && w.kind !== 'glued' ? ' ' : '';
        next.push({
          form: f.form + sep + r.form,
          skel: f.skel + (f.skel.endsWith(r.skel[0] ?? ' ') ? r.skel.slice(1) : r.skel),
          arabic: f.arabic || w.arabic,
          latin: f.latin || (!w.arabic && w.kind !== 'head'),
          cutStart: k === 0 && !reordered ? r.cutStart : f.cutStart,
          cutEnd: reordered ? 0 : r.cutEnd,
        });
      }
    }
    acc = next;
  });
  return acc.filter((f) => f.form !== '');
}

export function phraseOf(words: Word[]): Phrase {
  const forms = combine(words, false);
  const comma = words.findIndex((w, i) => i > 0 && w.afterComma);
  if (comma > 0 && !words.slice(comma + 1).some((w) => w.afterComma)) {
    forms.push(...combine([...words.slice(comma), ...words.slice(0, comma)], true));
  }
  return { words, forms };
}

export function parsePhrase(text: string): Phrase {
  return phraseOf(parseWords(text));
}

/** "Md." stands for a word starting with M and containing d after it (Mohammed), as does "Mv." for Moulvi. */
function abbreviates(abbr: Word, full: Word): boolean {
  if (full.arabic || full.abbreviation || full.kind !== 'word') return false;
  const a = abbr.raw.toLowerCase();
  const f = full.raw.toLowerCase();
  if (a[0] !== f[0]) return false;
  let j = 1;
  for (let i = 1; i < a.length; i++) {
    j = f.indexOf(a[i] ?? '', j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

/** Each abbreviation of `a` read as the word of `b` at the same place. */
function expandAbbreviations(a: Phrase, b: Phrase): Phrase | null {
  if (!a.words.some((w) => w.abbreviation)) return null;
  const aw = a.words.filter((w) => w.kind !== 'article');
  const bw = b.words.filter((w) => w.kind !== 'article');
  if (aw.length !== bw.length) return null;
  const words = aw.map((w, i) => {
    const other = bw[i];
    return w.abbreviation && other && abbreviates(w, other) ? { ...w, readings: other.readings, abbreviation: false } : { ...w, abbreviation: false };
  });
  return phraseOf(words);
}

const VOWEL_RE = /[aeiouEO]/g;

/*
 * Arabic names differ by where the long vowel sits (Firas فراس / Fares فارس, fi'āl / fā'il): two
 * words with the same consonants whose two vowels trade places are two names, however cheap each
 * vowel change is on its own.
 */
function vowelsTradePlaces(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa.length !== wb.length) return false;
  return wa.some((x, i) => {
    const y = wb[i] ?? '';
    const [x1 = '', x2 = '', ...xr] = x.match(VOWEL_RE) ?? [];
    const [y1 = '', y2 = '', ...yr] = y.match(VOWEL_RE) ?? [];
    if (!x2 || !y2 || xr.length || yr.length || x.replace(VOWEL_RE, '') !== y.replace(VOWEL_RE, '')) return false;
    const near = (p: string, q: string): boolean => p === q || vowelSubCost(p, q) <= 0.2;
    const crossed = vowelSubCost(x1, y1) >= 0.3 || vowelSubCost(x2, y2) >= 0.3;
    return crossed && x1 !== y1 && x2 !== y2 && near(x1, y2) && near(x2, y1);
  });
}

let skA = new Uint8Array(32);
let skB = new Uint8Array(32);

/** Unit edit distance of two skeletons, or limit + 1 once it exceeds limit (no allocation: it runs per window). */
function skeletonDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const m = b.length;
  if (skA.length <= m) {
    skA = new Uint8Array(m + 1);
    skB = new Uint8Array(m + 1);
  }
  let prev = skA;
  let cur = skB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const d = (prev[j - 1] ?? 0) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const u = (prev[j] ?? 0) + 1;
      const l = (cur[j - 1] ?? 0) + 1;
      const v = d < u ? (d < l ? d : l) : u < l ? u : l;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[m] ?? limit + 1;
}

/* A consonant edit costs about 0.3 or more (variants-align.ts; c/ç, dh/z and v/w are the cheaper
 * exceptions) and vowels leave the skeleton alone, so skeletons further apart than budget / 0.3 edits
 * do not align within budget: a cheap first test before the weighted alignment. */
const MIN_CONSONANT_EDIT = 0.3;

/* Final consonants hold across spellings (a final h after a vowel is not in the skeleton), so two
 * forms whose last consonants are in no common coarse class are not compared further. */
const LAST_CLASS: Record<string, string> = { t: 'T', d: 'TS', z: 'ST', s: 'S', S: 'S', k: 'K', G: 'K', X: 'KH', h: 'H', j: 'KS', f: 'B', b: 'B' };

function lastClassesMeet(a: string, b: string): boolean {
  const x = LAST_CLASS[a.slice(-1)] ?? a.slice(-1);
  const y = LAST_CLASS[b.slice(-1)] ?? b.slice(-1);
  for (const c of x) if (y.includes(c)) return true;
  return false;
}

function formCost(a: Form, b: Form): number {
  if (!lastClassesMeet(a.skel, b.skel)) return Infinity;
  if (a.latin && b.latin && !a.arabic && !b.arabic) {
    const limit = budget(a.form, b.form);
    const edits = Math.floor(limit / MIN_CONSONANT_EDIT + 1e-9);
    if (skeletonDistance(a.skel, b.skel, edits) > edits) return Infinity;
    if (a.form === b.form) return 0;
    a.prep ??= prepare(a.form);
    b.prep ??= prepare(b.form);
    const c = alignCost(a.prep, b.prep, limit);
    return c <= limit + 1e-9 && !vowelsTradePlaces(a.form, b.form) ? c / limit : Infinity;
  }
  if (a.arabic && b.arabic && !a.latin && !b.latin) return a.form.replace(/ /g, '') === b.form.replace(/ /g, '') ? 0 : Infinity;
  // Across scripts only consonants are written on both sides: require the same skeleton, long enough
  // not to meet by chance.
  const letters = a.skel.replace(/\d/g, '');
  return a.skel === b.skel && letters.length >= 2 ? 0.5 : Infinity;
}

/** Best normalised cost (0 = same form, ≤ 1 = variants) of two phrases and the forms that gave it. */
export function phraseCost(a: Phrase, b: Phrase): { cost: number; a: Form; b: Form } | null {
  let best: { cost: number; a: Form; b: Form } | null = null;
  for (const fa of a.forms)
    for (const fb of b.forms) {
      const c = formCost(fa, fb);
      if (c <= 1 && (!best || c < best.cost)) best = { cost: c, a: fa, b: fb };
      if (best?.cost === 0) return best;
    }
  if (best) return best;
  const ea = expandAbbreviations(a, b);
  if (ea) return phraseCost(ea, b);
  const eb = expandAbbreviations(b, a);
  return eb ? phraseCost(a, eb) : null;
}
