import { parseWords, type Word } from './variants-forms.ts';
import { parsePhrase, phraseCost, phraseOf, type Phrase } from './variants-phrase.ts';

/*
 * The one variant matcher. Entity grouping, "Redact all", the name ledger, the find bar and the
 * export leak gate all ask it the same question — are these two spellings one name? — so a name the
 * gate would catch is a name "Redact all" finds. Pure and synchronous (it runs in the browser and in
 * worker threads); place aliases come from a lookup the caller passes (the package root binds the
 * gazetteer's, see aliases.ts). Rules: variants-forms.ts (readings), variants-align.ts (weights),
 * variants-phrase.ts (phrases, scripts).
 */

export interface VariantHit {
  start: number;
  end: number;
  text: string;
  /** the needle (as given) this hit is a variant of */
  needle: string;
}

/** Other names of the same place (a city's short or historic name), by any of its spellings. */
export type AliasLookup = (name: string) => readonly string[];

const CACHE_MAX = 4096;
const cache = new Map<string, Phrase>();

function phrase(s: string): Phrase {
  let p = cache.get(s);
  if (!p) {
    p = parsePhrase(s);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(s, p);
  }
  return p;
}

function direct(a: string, b: string): boolean {
  return phraseCost(phrase(a), phrase(b)) !== null;
}

function sameForm(a: string, b: string): boolean {
  const fb = new Set(phrase(b).forms.map((f) => f.form));
  return phrase(a).forms.some((f) => fb.has(f.form));
}

/**
 * Are `a` and `b` spellings of one name? Symmetric: variantsMatch(a, b) === variantsMatch(b, a).
 * With `aliases`, two names of one place also match ("Urfa" and "Şanlıurfa").
 */
export function variantsMatch(a: string, b: string, aliases?: AliasLookup): boolean {
  if (direct(a, b)) return true;
  if (!aliases) return false;
  return aliases(a).some((x) => sameForm(x, b)) || aliases(b).some((y) => sameForm(a, y));
}

/**
 * Groups spellings of one entity: result[i] is the group number of strings[i] (the index of the
 * group's first member), so mentions of one entity get one key whatever their spelling.
 */
export function groupVariants(strings: readonly string[], aliases?: AliasLookup): number[] {
  const parent = strings.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  for (let i = 0; i < strings.length; i++)
    for (let j = i + 1; j < strings.length; j++) {
      if (root(i) === root(j)) continue;
      if (variantsMatch(strings[i] ?? '', strings[j] ?? '', aliases)) {
        const [a, b] = [root(i), root(j)].sort((x, y) => x - y);
        parent[b ?? 0] = a ?? 0;
      }
    }
  return strings.map((_, i) => root(i));
}

/* Search keys: the coarse classes of a name's first two consonants. A window can only match a
 * needle whose key it shares (Dhiab/Theeb, Zubair/Jubair and Khnezir/Hnezir share theirs), which keeps
 * the search near linear in the text. A one-consonant word takes its second class from the next word
 * ("Abu Omar", "Ali Hassan" = "Alihassan"); abbreviations ("Md.") key on their first letter alone. */
const COARSE: Record<string, string> = {
  b: 'B', f: 'B', t: 'T', d: 'TS', z: 'ST', s: 'S', S: 'S', k: 'K', G: 'K', X: 'KH', h: 'H', j: 'KS', w: 'WB', y: 'Y',
};
const classes = (c: string | undefined): string => (c === undefined ? 'V' : (COARSE[c] ?? c));

function nextContent(words: readonly Word[], i: number, text: string | null): Word | undefined {
  let k = i + 1;
  while (words[k]?.kind === 'article') k++;
  const w = words[k];
  if (!w || text === null) return w;
  for (let j = i + 1; j <= k; j++) {
    const a = words[j - 1];
    const b = words[j];
    if (!a || !b || !joinable(text, a, b)) return undefined;
  }
  return w;
}

/** Keys of a window starting at words[i]; text is null for a needle (its words are one phrase). */
function startKeys(words: readonly Word[], i: number, text: string | null): Set<string> {
  const keys = new Set<string>();
  const w = words[i];
  if (!w) return keys;
  const next = nextContent(words, i, text);
  for (const r of w.readings) {
    const own = r.skel;
    // In a text, short words ("the", "he", "to") join nothing: they are function words far more often
    // than the first half of a split name, and would make every word a candidate.
    const joins = next && own.length < 2 && (text === null || w.kind === 'head' || w.end - w.start >= 4);
    const joined = joins ? next.readings.map((nr) => own + (nr.skel[0] === own ? nr.skel.slice(1) : nr.skel)) : [own];
    for (const a of classes(own[0])) keys.add(a + (w.abbreviation ? '.' : '*'));
    for (const s of joined) {
      for (const a of classes(s[0])) {
        if (s.length >= 2) for (const b of classes(s[1])) keys.add(a + b);
        else keys.add(a + '$');
      }
    }
    if (own.length < 2 && text !== null) for (const a of classes(own[0])) keys.add(a + '$');
  }
  return keys;
}

function needleKeys(p: Phrase): Set<string> {
  const out = new Set<string>();
  const words = p.words;
  const content = words.map((w, i) => [w, i] as const).filter(([w]) => w.kind !== 'article');
  // The word after a comma and the last word too: a text may write the name "SURNAME, Given".
  const starts = [content[0], content.find(([w], k) => k > 0 && w.afterComma), content[content.length - 1]];
  for (const st of starts) {
    if (!st) continue;
    const [w, i] = st;
    for (const k of startKeys(words, i, null)) {
      // Only the one-letter keys of abbreviations are loose: a needle "Md. Rafiq" meets any M-word,
      // and any needle meets a text's "Md.".
      if (k.endsWith('*')) {
        if (w.abbreviation) out.add(k);
        out.add(k.slice(0, -1) + '.');
      } else if (!k.endsWith('.')) out.add(k);
    }
  }
  return out;
}

/* Words of a window may be joined by spaces, hyphens, apostrophes, a comma or one line break (a
 * name wrapped in an export); never across a sentence or a paragraph. */
const JOIN_RE = /^[ \t\u00a0\-‐‑–,'’ʿʾ`]*(?:\r?\n[ \t\u00a0]*)?$/;

function joinable(text: string, a: Word, b: Word): boolean {
  const gap = text.slice(a.end, b.start);
  if (gap.length > 6) return false;
  return JOIN_RE.test(a.abbreviation ? gap.replace(/^\./, '') : gap);
}

interface Haystack {
  text: string;
  words: Word[];
  index: Map<string, number[]>;
  /** phrases of windows already built, by their exact text (names and common words repeat) */
  windows: Map<string, Phrase>;
}

type Cost = ReturnType<typeof phraseCost>;

function windowCost(h: Haystack, i: number, j: number, p: Phrase, seen: Map<number, Cost>): Cost {
  const id = i * 64 + (j - i);
  if (seen.has(id)) return seen.get(id) ?? null;
  const a = h.words[i];
  const b = h.words[j];
  if (!a || !b) return null;
  const key = h.text.slice(a.start, b.end);
  let w = h.windows.get(key);
  if (!w) {
    w = phraseOf(h.words.slice(i, j + 1));
    h.windows.set(key, w);
  }
  const r = phraseCost(w, p);
  seen.set(id, r);
  return r;
}

function search(h: Haystack, needle: string, p: Phrase): VariantHit[] {
  const { text, words, index } = h;
  const starts = new Set<number>();
  for (const a of needleKeys(p)) for (const i of index.get(a) ?? []) starts.add(i);
  const maxContent = p.words.filter((w) => w.kind !== 'article' && w.kind !== 'glued').length + 2;
  const maxChars = needle.length * 3 + 12;
  const seen = new Map<number, Cost>();
  const hits: VariantHit[] = [];
  for (const i of [...starts].sort((x, y) => x - y)) {
    const first = words[i];
    if (!first) continue;
    let best: { cost: number; start: number; end: number } | null = null;
    let content = 0;
    for (let j = i; j < words.length; j++) {
      const w = words[j];
      const prev = words[j - 1];
      if (!w || (j > i && prev && !joinable(text, prev, w)) || w.end - first.start > maxChars) break;
      if (w.kind !== 'article' && w.kind !== 'glued') content++;
      if (content > maxContent) break;
      if (w.kind === 'article' || words[j + 1]?.kind === 'glued') continue;
      const r = windowCost(h, i, j, p, seen);
      if (!r || (best && r.cost > best.cost)) continue;
      best = { cost: r.cost, start: first.start + r.a.cutStart, end: w.end - r.a.cutEnd };
    }
    if (!best) continue;
    const before = words[i - 1];
    // The article written before the name belongs to it: "al-Hamra", "Al Mayadin".
    if (before?.kind === 'article' && best.start === first.start && joinable(text, before, first)) best.start = before.start;
    hits.push({ start: best.start, end: best.end, text: text.slice(best.start, best.end), needle });
  }
  return hits;
}

function withoutOverlaps(hits: VariantHit[]): VariantHit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: VariantHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

/**
 * Every occurrence of a needle or any variant of it in `text` (JS string offsets into the exact
 * text), also inside hyphenated compounds ("Idlib-Hama road"), behind Arabic proclitics ("وبحلب")
 * and before Turkish suffixes ("Akçakale'de" → "Akçakale"). Per needle the hits do not overlap.
 */
export function findVariants(text: string, needles: string | readonly string[], aliases?: AliasLookup): VariantHit[] {
  const list = (typeof needles === 'string' ? [needles] : needles).filter((n) => n.trim() !== '');
  if (list.length === 0 || text === '') return [];
  const words = parseWords(text);
  const index = new Map<string, number[]>();
  const hay: Haystack = { text, words, index, windows: new Map() };
  words.forEach((w, i) => {
    if (w.kind === 'article' || w.kind === 'glued') return;
    for (const a of startKeys(words, i, text)) {
      const l = index.get(a) ?? [];
      l.push(i);
      index.set(a, l);
    }
  });
  const out: VariantHit[] = [];
  for (const needle of new Set(list)) {
    const names = [needle, ...(aliases ? aliases(needle) : [])];
    const hits: VariantHit[] = [];
    for (const name of new Set(names)) hits.push(...search(hay, needle, phrase(name)));
    out.push(...withoutOverlaps(hits));
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
