/*
 * Weighted alignment of two sound forms (see variants-forms.ts). The weights are this product's
 * transliteration rules: vowels shift freely inside their family (a/e, e/i, o/u, ay/ei/e, aw/o/u),
 * a doubled consonant is cheap to add or drop (Fawaz/Fawwaz), some consonants alternate between
 * dialects and transliteration schools (q/k/g, j/g/z, d/dh/z, t/th, kh/h, c/ç/j/k), and word
 * boundaries cost nothing (Gul Bahar / Gulbahar). What must stay apart is expensive: a word-initial
 * vowel of another family (Omar / Amr), a final vowel (Ali / Alia, Khalid / Khalida), any other
 * consonant. Every cost is symmetric, so variantsMatch(a, b) === variantsMatch(b, a).
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'E', 'O']);
const HEADS = new Set(['1', '2', '3', '4']);

function pairTable(entries: Array<[string, number]>): Map<string, number> {
  const m = new Map<string, number>();
  for (const [pair, cost] of entries) {
    const [x = '', y = ''] = pair.split('');
    m.set(x + y, cost);
    m.set(y + x, cost);
  }
  return m;
}

const VOWEL_SUB = pairTable([
  ['ae', 0.2], ['ei', 0.2], ['ou', 0.1], ['aE', 0.25], ['eE', 0.1], ['iE', 0.15], ['aO', 0.25], ['oO', 0.1], ['uO', 0.15],
  ['ai', 0.5], ['ao', 0.45], ['au', 0.6], ['eo', 0.35], ['eu', 0.35], ['io', 0.5], ['iu', 0.5], ['EO', 0.6], ['oE', 0.5],
  ['uE', 0.5], ['eO', 0.5], ['iO', 0.6],
]);
const CONSONANT_SUB = pairTable([
  ['kg', 0.3], ['kq', 0.05], ['gq', 0.1], ['Xq', 0.35], ['Cq', 0.2], ['gj', 0.35], ['jz', 0.4], ['Ck', 0.1], ['Cs', 0.2], ['Cj', 0.1], ['CS', 0.25], ['sS', 0.45], ['sz', 0.45],
  ['dD', 0.2], ['tT', 0.2], ['Dz', 0.2], ['DT', 0.2], ['Ts', 0.35], ['dz', 0.35], ['dt', 0.45], ['Xk', 0.3], ['Xh', 0.3],
  ['Gg', 0.3], ['GX', 0.35], ['fp', 0.35], ['bp', 0.3], ['vw', 0.2], ['fv', 0.3], ['bv', 0.4],
]);
const GLIDE_SUB = pairTable([['uw', 0.2], ['Ow', 0.2], ['iy', 0.2], ['Ey', 0.2]]);
const FOREIGN = 1.2;
const MEDIAL_VOWEL = 0.7;
/** A vowel written where the other spelling has a word boundary (Kafr Nabl / Kafranbel). */
const JUNCTION_VOWEL = 0.3;

const isVowel = (c: string): boolean => VOWELS.has(c);

export function vowelSubCost(x: string, y: string): number {
  return x === y ? 0 : (VOWEL_SUB.get(x + y) ?? FOREIGN);
}
const isInitial = (s: string, i: number): boolean => i === 0 || s[i - 1] === ' ';
const isFinal = (s: string, i: number): boolean => i === s.length - 1 || s[i + 1] === ' ';

/* Base substitution costs by character code, built once: the inner loop must not build strings. */
const BASE = new Float64Array(128 * 128).fill(FOREIGN);
for (let x = 0; x < 128; x++)
  for (let y = 0; y < 128; y++) {
    const cx = String.fromCharCode(x);
    const cy = String.fromCharCode(y);
    let c: number;
    if (x === y) c = 0;
    else if (HEADS.has(cx) || HEADS.has(cy) || cx === ' ' || cy === ' ') c = Infinity;
    else if (isVowel(cx) && isVowel(cy)) c = VOWEL_SUB.get(cx + cy) ?? FOREIGN;
    else if (isVowel(cx) !== isVowel(cy)) c = GLIDE_SUB.get(cx + cy) ?? 1.5;
    else c = CONSONANT_SUB.get(cx + cy) ?? FOREIGN;
    BASE[x * 128 + y] = c;
  }

/** A form ready for alignment: codes, position flags and the cost of dropping each symbol. */
export interface Prepared {
  codes: Uint8Array;
  /** a word boundary just before this position */
  boundaryBefore: Uint8Array;
  vowel: Uint8Array;
  initial: Uint8Array;
  final: Uint8Array;
  drop: Float64Array;
}

function indelCost(s: string, i: number): number {
  const c = s[i] ?? '';
  if (c === ' ') return 0;
  if (HEADS.has(c)) return Infinity;
  if (isVowel(c)) {
    if (isFinal(s, i) && !isInitial(s, i)) return c === 'e' ? 0.15 : 0.9;
    // Vowels in hiatus are one long vowel written two ways (Dhiab / Dhib, Misterei / Misteri).
    if (isVowel(s[i - 1] ?? '') || isVowel(s[i + 1] ?? '')) return 0.15;
    if (isInitial(s, i)) return 0.5;
    // A short vowel dropped after a word's first consonant (Tufail / Tfeil, Sayed / Syed), next to a
    // word boundary (Deir ez-Zor / Deirezzor) or a French schwa e (Jdir / Jedir) is a spelling habit;
    // elsewhere a vowel is part of the name (Hamadi / Hamdi).
    const afterFirst = i >= 1 && isInitial(s, i - 1) && !isVowel(s[i - 1] ?? '');
    if (afterFirst || c === 'e' || s[i - 1] === ' ' || s[i + 1] === ' ') return 0.3;
    return MEDIAL_VOWEL;
  }
  // A doubled consonant written single (Fawwaz / Fawaz), also across a word boundary (Ras Sarmada / Rasarmada).
  if (s[i - 1] === c || (s[i - 1] === ' ' && s[i - 2] === c)) return 0.2;
  // A final h after a vowel is the ta marbuta (Hamzah / Hamza); g after n is nasal (Dong Khali / Donkhali).
  if (c === 'h') return isFinal(s, i) && isVowel(s[i - 1] ?? '') ? 0.05 : 0.35;
  if (c === 'g' && s[i - 1] === 'n') return 0.3;
  if (c === 'w' || c === 'y') return 0.3;
  return 1.1;
}

/** Per-position data of a form, computed once per form (phrases keep theirs). */
export function prepare(s: string): Prepared {
  const n = s.length;
  const p: Prepared = { boundaryBefore: new Uint8Array(n + 1), codes: new Uint8Array(n), vowel: new Uint8Array(n), initial: new Uint8Array(n), final: new Uint8Array(n), drop: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    p.codes[i] = code < 128 ? code : 0;
    p.vowel[i] = isVowel(s[i] ?? '') ? 1 : 0;
    p.initial[i] = isInitial(s, i) ? 1 : 0;
    p.final[i] = isFinal(s, i) ? 1 : 0;
    p.drop[i] = indelCost(s, i);
    p.boundaryBefore[i] = s[i - 1] === ' ' ? 1 : 0;
  }
  p.boundaryBefore[n] = 0;
  return p;
}

function subCost(a: Prepared, i: number, b: Prepared, j: number): number {
  const x = a.codes[i] ?? 0;
  const y = b.codes[j] ?? 0;
  if (x === y) return 0;
  const c = BASE[x * 128 + y] ?? FOREIGN;
  if (a.vowel[i] && b.vowel[j]) {
    // The first vowel of a word is its most stable sound: Omar is not Amr, Ibrahim may be Ebrahim.
    if (c >= 0.3 && a.initial[i] && b.initial[j]) return c + 0.2;
    // A final vowel of another family is another ending (Tarhuna / Tarhuni, Safa / Safi).
    if (a.final[i] && b.final[j]) return c < 0.3 ? c + 0.1 : c + 0.5;
  }
  return c;
}

/** Sounds that carry weight: every symbol but word boundaries. */
export function weight(form: string): number {
  let n = 0;
  for (const c of form) if (c !== ' ') n++;
  return n;
}

/** Tolerated cost for a pair of forms: about one cheap edit per ten sounds. */
export function budget(a: string, b: string): number {
  return 0.1 * Math.max(weight(a), weight(b)) + 0.05;
}

/** Just after a word's first consonant. */
const secondInWord = (p: Prepared, k: number): boolean => k >= 1 && p.initial[k - 1] === 1 && p.vowel[k - 1] === 0;
/** The first vowel on either side of a word's second consonant (Kafr / Kfar): one spelling habit. */
const SWAP = 0.3;

let rowA = new Float64Array(64);
let rowB = new Float64Array(64);
let rowC = new Float64Array(64);

/** Weighted edit distance, abandoned (Infinity) as soon as every path costs more than `limit`. */
export function alignCost(pa: Prepared, pb: Prepared, limit: number): number {
  const n = pa.codes.length;
  const m = pb.codes.length;
  if (rowA.length <= m) {
    rowA = new Float64Array(m + 1);
    rowB = new Float64Array(m + 1);
    rowC = new Float64Array(m + 1);
  }
  let before = rowC;
  let prev = rowA;
  let cur = rowB;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = (prev[j - 1] ?? 0) + (pb.drop[j - 1] ?? 0);
  for (let i = 1; i <= n; i++) {
    const dropA = pa.drop[i - 1] ?? 0;
    const vowelA = pa.vowel[i - 1] === 1;
    const swapA = i >= 2 && secondInWord(pa, i - 2) && pa.vowel[i - 1] !== pa.vowel[i - 2] && pa.codes[i - 1] !== 32;
    cur[0] = (prev[0] ?? 0) + dropA;
    let rowMin = cur[0] ?? Infinity;
    for (let j = 1; j <= m; j++) {
      const diag = (prev[j - 1] ?? Infinity) + subCost(pa, i - 1, pb, j - 1);
      // Dropping a vowel where the other form has a word boundary is epenthesis at a junction.
      const up = (prev[j] ?? Infinity) + (vowelA && (pb.boundaryBefore[j] || (j > 0 && pb.codes[j - 1] === 32)) ? Math.min(dropA, JUNCTION_VOWEL) : dropA);
      const dropB = pb.drop[j - 1] ?? 0;
      const left = (cur[j - 1] ?? Infinity) + (pb.vowel[j - 1] && (pa.boundaryBefore[i] || pa.codes[i - 1] === 32) ? Math.min(dropB, JUNCTION_VOWEL) : dropB);
      let v = diag < up ? (diag < left ? diag : left) : up < left ? up : left;
      if (swapA && j >= 2 && secondInWord(pb, j - 2) && pa.codes[i - 1] === pb.codes[j - 2] && pa.codes[i - 2] === pb.codes[j - 1]) {
        const t = (before[j - 2] ?? Infinity) + SWAP;
        if (t < v) v = t;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Infinity;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[m] ?? Infinity;
}
