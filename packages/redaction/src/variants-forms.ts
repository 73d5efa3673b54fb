import anyAscii from 'any-ascii';
import { arabicWordKey, isArabicScript } from './normalise.ts';

/*
 * Sound forms of words for the variant matcher. A Latin word becomes a string over a small phonetic
 * alphabet (digraphs folded: S=sh/ch, X=kh, G=gh, T=th, D=dh, C=c/ç of unknown value, E=ay/ai/ei,
 * O=aw/au), so "Jisr ash-Shughur" and "Jisrashughur", "Kafr Nabl" and "Kafranbel" differ only by the
 * cheap edits variants-align.ts weighs. Arabic-script words become a consonant skeleton through a
 * transliteration key, the same skeleton a Latin word reduces to, so the two scripts meet.
 * Heads that change who is named (Abu = father of, Umm = mother of, Abd = servant of, Ibn/Bin = son of)
 * become single symbols that no edit can create or remove: "Abu Ahmed" is never "Ahmed".
 */

/** One reading of a word: its sound form and how much of the surface it covers. */
export interface Reading {
  form: string;
  /** consonant skeleton of the form (see skeleton()) */
  skel: string;
  /** characters cut from the start (an Arabic proclitic) and end (a Turkish case suffix) */
  cutStart: number;
  cutEnd: number;
}

/** glued: the name part of a glued head ("hakim" of "Abdelhakim"), never the start of a match */
export type WordKind = 'word' | 'article' | 'optional' | 'head' | 'glued';

export interface Word {
  raw: string;
  start: number;
  end: number;
  kind: WordKind;
  arabic: boolean;
  readings: Reading[];
  /** written as an abbreviation with a full stop ("Md.") */
  abbreviation: boolean;
  /** separated from the previous word by a comma ("EL-MABROUK, Salem") */
  afterComma: boolean;
}

export const HEAD_ABU = '1';
export const HEAD_UMM = '2';
export const HEAD_ABD = '3';
export const HEAD_BIN = '4';

const LATIN_HEADS = new Map<string, string>([
  ...['abu', 'abou', 'abo', 'aboo', 'abū', 'abi', 'aba'].map((w) => [w, HEAD_ABU] as const),
  ...['umm', 'um', 'oum', 'om', 'umme', 'ummey', 'omm', 'ummu'].map((w) => [w, HEAD_UMM] as const),
  ...['abd', 'abdel', 'abdul', 'abdal', 'abdil', 'abdol', 'abdoul', 'abdu', 'abde'].map((w) => [w, HEAD_ABD] as const),
  ...['ibn', 'bin', 'ben', 'bint', 'bent', 'ebn'].map((w) => [w, HEAD_BIN] as const),
]);
const ARABIC_HEADS = new Map<string, string>([
  ...['ابو', 'ابا', 'ابي'].map((w) => [w, HEAD_ABU] as const),
  ['ام', HEAD_UMM],
  ['عبد', HEAD_ABD],
  ...['بن', 'ابن', 'بنت'].map((w) => [w, HEAD_BIN] as const),
]);

/** Article words written apart ("al Mayadin", "az Zawr") and the Persian ezafe ("Dara-e Nargis"). */
const ARTICLES = new Set(['al', 'el', 'il', 'ul', 'ad', 'ed', 'adh', 'ar', 'er', 'as', 'es', 'ash', 'esh', 'at', 'et', 'ath', 'az', 'ez', 'an', 'en', 'ag']);
const ENGLISH_ARTICLE_LOOKALIKES = new Set(['as', 'at', 'an']);
const EZAFE = new Set(['e', 'i', 'ye', 'yi']);
/** Generic place-type words a name may carry or drop (Turkish köy "village", Bengali para "quarter"). */
const OPTIONAL_WORDS = new Set(['koy', 'koyu', 'koi', 'mahallesi', 'mahalle', 'para']);
/* Bengali place names take a genitive -r before their noun ("Shah Porir Dwip" = Shah Pori's island). */
const BENGALI_PLACE_NOUNS = new Set(['dwip', 'para', 'pur', 'ghat', 'bazar', 'char', 'gaon', 'hat', 'bari']);
/** Turkish case and derivation suffixes written after an apostrophe: Kilis'te, Akçakale'den, Urfa'daki. */
const TURKISH_SUFFIX_RE =
  /^(?:[yn]?[aeıiuü]|[dt][aeıiuü]|[dt][ae]n|[dt][ae]ki|n[ıiuü]n|[ıiuü]n|y?l[aeıiuü]|yl[ae]|[dt][ıiuü]r|[cç][ae]|s[ıiuü]|l[ae]r(?:[ıiuü]|d[ae]n?|[ıi]n)?|[dt][ae]yd[ıi])$/i;
/** Turkish "from X" adjective (Kilisli, Urfalı) written without an apostrophe. */
const TURKISH_LI_RE = /(?:l[ıiuü])$/i;

const PRE: Record<string, string> = {
  ş: 'sh', ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ü: 'u', â: 'a', î: 'i', û: 'u', ê: 'e', é: 'e', è: 'e', ë: 'e', ï: 'i', ô: 'o',
  ā: 'a', ī: 'i', ū: 'u', ḥ: 'h', ṣ: 's', ṭ: 't', ḍ: 'd', ẓ: 'z', ḏ: 'dh', ṯ: 'th', ġ: 'gh', ḫ: 'kh', ẖ: 'kh', š: 'sh', č: 'ch', ž: 'zh',
};
const PRE_RE = new RegExp(`[${Object.keys(PRE).join('')}]`, 'g');

/** Latin word (already lower case, no apostrophes) → sound form. */
export function latinForm(word: string): string {
  let s = word.normalize('NFC').replace(PRE_RE, (c) => PRE[c] ?? c);
  if (!/^[a-z]*$/.test(s)) s = anyAscii(s).toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/^\d+$/.test(s)) return s;
  s = s
    .replace(/que$/, 'k')
    .replace(/qu(?=[aeiou])/g, 'k')
    .replace(/gu(?=[ei])/g, 'g')
    .replace(/tch|tsh/g, 'S')
    .replace(/sch|sh|ch/g, 'S')
    .replace(/kh/g, 'X')
    .replace(/gh/g, 'G')
    .replace(/th/g, 'T')
    .replace(/dh/g, 'D')
    .replace(/zh/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/dj|dg/g, 'j')
    .replace(/x/g, 'ks')
    .replace(/c/g, 'C')
    .replace(/ng(?=[kXG])/g, 'n')
    .replace(/([aeiou])\1+/g, '$1')
    .replace(/ou|oo|uw(?![aeiou])/g, 'u')
    .replace(/ee|ie(?![aeiou]|$)|iy(?=[aeiou])|ii/g, 'i')
    .replace(/(?:[ae][iy]|[ae]ï)(?![aeiou])/g, 'E')
    .replace(/(?:a[wu]|ow)(?![aeiou])/g, 'O')
    .replace(/y(?![aeiouEO])/g, 'i')
    .replace(/w(?![aeiouEO])/g, 'u')
    .replace(/([aeiouEO])\1+/g, '$1');
  return s;
}

/* Arabic letters → the consonant classes a Latin skeleton uses (see skeleton()). Long vowels,
 * ayn and hamza carry no consonant; the article is dropped by arabicWordKey. */
const ARABIC_SKELETON: Record<string, string> = {
  ب: 'b', پ: 'b', ت: 't', ط: 't', ث: 't', ج: 'j', چ: 'S', ح: 'h', ه: 'h', خ: 'X', د: 'd', ذ: 'd', ض: 'd', ظ: 'z', ز: 'z', ژ: 'j',
  ر: 'r', س: 's', ص: 's', ش: 'S', غ: 'G', ف: 'f', ڤ: 'f', ق: 'k', ك: 'k', گ: 'k', ل: 'l', م: 'm', ن: 'n',
};

const LATIN_SKELETON: Record<string, string> = {
  b: 'b', p: 'b', f: 'f', v: 'f', t: 't', T: 't', d: 'd', D: 'd', z: 'z', s: 's', S: 'S', C: 'k', k: 'k', q: 'k', g: 'k', G: 'G', X: 'X',
  h: 'h', j: 'j', l: 'l', m: 'm', n: 'n', r: 'r',
};

/** Consonant skeleton in coarse classes, the common ground of both scripts. */
export function skeleton(form: string): string {
  let out = '';
  if (isArabicScript(form)) {
    for (let i = 0; i < form.length; i++) {
      const c = form[i] ?? '';
      if (c === 'و' || c === 'ي') {
        if (i === 0) out += c === 'و' ? 'w' : 'y';
      } else if (!(c === 'ه' && i === form.length - 1 && i > 1)) out += ARABIC_SKELETON[c] ?? '';
    }
  } else if (/^\d$/.test(form)) {
    return form;
  } else {
    for (let i = 0; i < form.length; i++) {
      const c = form[i] ?? '';
      if (c === 'w' || c === 'y') {
        if (i === 0) out += c;
      } else if (!(c === 'h' && i === form.length - 1 && /[aeiouEO]/.test(form[i - 1] ?? ''))) out += LATIN_SKELETON[c] ?? '';
    }
  }
  return out.replace(/(.)\1+/g, '$1');
}

const readingCache = new Map<string, Reading[]>();

/** Readings of a Latin word, cached: a text's words repeat, and latinForm is the costly part. */
function latinReadings(raw: string): Reading[] {
  let r = readingCache.get(raw);
  if (!r) {
    if (readingCache.size >= 20000) readingCache.clear();
    r = computeLatinReadings(raw);
    readingCache.set(raw, r);
  }
  return r.slice();
}

function computeLatinReadings(raw: string): Reading[] {
  const lower = raw.toLocaleLowerCase('tr') === raw.toLowerCase() ? raw.toLowerCase() : raw.toLowerCase().replace(/i̇/g, 'i');
  const out: Reading[] = [];
  const add = (text: string, cutStart: number, cutEnd: number): void => {
    const form = latinForm(text.replace(/[`'’‘ʿʾ´]/g, ''));
    if (form && !out.some((r) => r.form === form && r.cutStart === cutStart && r.cutEnd === cutEnd)) out.push({ form, skel: skeleton(form), cutStart, cutEnd });
  };
  add(lower, 0, 0);
  const apo = /[’']([^'’]+)$/.exec(lower);
  if (apo && apo.index >= 3 && TURKISH_SUFFIX_RE.test(apo[1] ?? '')) add(lower.slice(0, apo.index), 0, lower.length - apo.index);
  if (TURKISH_LI_RE.test(lower) && lower.length >= 6) add(lower.slice(0, -2), 0, 2);
  // An article or assimilated article glued on: "Elmabrouk", "Albukamal", "Errahmane" (never "Aleppo").
  const glued = /^(?:[ae]l(?=[^aeiouy])|[ae](?=(sh|th|dh|[tdrzsn])\1))/.exec(lower);
  if (glued && lower.length - glued[0].length >= 4) add(lower.slice(glued[0].length), 0, 0);
  return out;
}

/** Conjunction, preposition and article glued on: و ف ب ل ك, وب, فال, بال, لل... */
const PROCLITIC_RE = /^(?:[وف]?[بكل]?ال|[وف]?[بكل]|[وف]|لل)/;

function arabicReading(form: string, cutStart: number): Reading {
  return { form, skel: skeleton(form), cutStart, cutEnd: 0 };
}

function arabicReadings(raw: string): Reading[] {
  const out: Reading[] = [arabicReading(arabicWordKey(raw), 0)];
  const m = PROCLITIC_RE.exec(raw);
  if (m && m[0] !== 'ال') {
    const rest = raw.slice(m[0].length);
    const form = arabicWordKey(m[0].endsWith('ل') && m[0].length > 1 ? 'ال' + rest : rest);
    if (rest.length >= 2 && form.length >= 2) out.push(arabicReading(form, m[0].length - (m[0].endsWith('ال') ? 2 : m[0] === 'لل' ? 1 : 0)));
  }
  return out;
}

/** Splits a glued head: "Abdelhakim" → Abd + hakim, "Abderrahmane" → Abd + rahmane. */
const GLUED_ABD_RE = /^abd(?:[aeiou]l|[aeiou](?=([tdrzsn])\1)|u)?(?=[a-z]{3})/;
const GLUED_ABU_RE = /^ab[ou](?=[a-z]{4})/;

/** Words of a phrase with their offsets (hyphens, commas and spaces separate words). */
export function parseWords(text: string, from = 0, to = text.length): Word[] {
  const words: Word[] = [];
  const re = /[\p{L}\p{M}\p{N}]+(?:[’'ʿʾ`][\p{L}\p{M}\p{N}]+)*/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const arabic = isArabicScript(raw);
    const lower = raw.toLowerCase();
    const abbreviation = !arabic && text[end] === '.' && raw.length <= 3 && /^\p{Lu}/u.test(raw);
    let kind: WordKind = 'word';
    let readings: Reading[];
    if (arabic) {
      readings = arabicReadings(raw);
      const head = ARABIC_HEADS.get(readings[0]?.form ?? '') ?? ARABIC_HEADS.get(readings[1]?.form ?? '');
      if (head) {
        kind = 'head';
        readings = [{ form: head, skel: head, cutStart: 0, cutEnd: 0 }];
      }
    } else {
      const plain = latinReadings(raw)[0]?.form ?? '';
      const head = LATIN_HEADS.get(lower.replace(/[`'’‘ʿʾ´]/g, ''));
      if (head) {
        kind = 'head';
        readings = [{ form: head, skel: head, cutStart: 0, cutEnd: 0 }];
      } else if (ARTICLES.has(lower) && isArticleAt(text, start, end)) {
        kind = 'article';
        readings = [];
      } else if (EZAFE.has(lower) && words.length > 0 && /[-\s]/.test(text[start - 1] ?? '') && /[-\s]/.test(text[end] ?? '')) {
        kind = 'article';
        readings = [];
      } else if (OPTIONAL_WORDS.has(plain.replace(/[EO]/g, 'u').replace(/C/g, 'k'))) {
        kind = 'optional';
        readings = latinReadings(raw);
      } else {
        readings = latinReadings(raw);
        const abd = GLUED_ABD_RE.exec(lower);
        const abu = abd ? null : GLUED_ABU_RE.exec(lower);
        const glued = abd ?? abu;
        if (glued) {
          // "Abdelhakim" is the two words "Abd al-Hakim" (both cover the same surface).
          const form = abd ? HEAD_ABD : HEAD_ABU;
          const head = { form, skel: form, cutStart: 0, cutEnd: 0 };
          words.push({ raw, start, end, kind: 'head', arabic, readings: [head], abbreviation: false, afterComma: commaBefore(text, words, start) });
          words.push({ raw, start, end, kind: 'glued', arabic, readings: latinReadings(raw.slice(glued[0].length)), abbreviation: false, afterComma: false });
          continue;
        }
      }
    }
    words.push({ raw, start, end, kind, arabic, readings, abbreviation, afterComma: commaBefore(text, words, start) });
  }
  words.forEach((w, i) => {
    const next = words[i + 1];
    if (w.kind === 'word' && !w.arabic && next && BENGALI_PLACE_NOUNS.has(next.raw.toLowerCase()) && /[aeiou]r$/i.test(w.raw)) {
      w.readings.push(...latinReadings(w.raw.slice(0, -1)).map((r) => ({ ...r, cutEnd: 0 })));
    }
  });
  return words;
}

function commaBefore(text: string, words: readonly Word[], start: number): boolean {
  const prev = words[words.length - 1];
  return !!prev && text.slice(prev.end, start).includes(',');
}

/** A separate article: "al Mayadin" or "Az Zawr" (written apart, before the word it belongs to). */
function isArticleAt(text: string, start: number, end: number): boolean {
  const after = text[end] ?? '';
  if (after === '-') return true;
  if (!/\s/.test(after)) return false;
  const word = text.slice(start, end);
  if (/^[ae]l$/i.test(word)) return true;
  // Only an assimilated form counts ("az Zawr", "As Suwayda"); "as", "at", "an" are also English
  // words, so those need a capital.
  const next = /\s+(\p{L})/u.exec(text.slice(end, end + 4));
  const sun = word.slice(1).toLowerCase();
  const assimilated = !!next && sun.startsWith((next[1] ?? '').toLowerCase());
  return assimilated && (/^\p{Lu}/u.test(word) || !ENGLISH_ARTICLE_LOOKALIKES.has(word));
}
