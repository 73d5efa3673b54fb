import anyAscii from 'any-ascii';

/*
 * Spelling-variant keys. Two surface forms get the same key when they are plausibly the same name
 * written by different reporters: diacritics, Turkish letters, Arabic article forms, doubled letters
 * and the vowel alternations that English transliteration of Arabic produces. The rules stay
 * conservative on consonants so that different names (Hamid/Ahmed, Samir/Samer) keep different keys.
 */

const ARABIC_RE = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const HARAKAT_RE = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const SUN = '(?:sh|th|dh|[tdrzsnl])';
/** Article glued by a hyphen: al-Zor, el-Sheikh, ez-Zor, ash-Sham. */
const ARTICLE_SUN_RE = new RegExp(`^(?:[aeiu]l-|[ae]${SUN}-)(?=${SUN})`);
const ARTICLE_SUN_CAPTURE_RE = new RegExp(`^(?:[aeiu]l-|[ae](${SUN})-)(${SUN})`);
const ARTICLE_L_RE = /^[aeiu]l-/;
/** Separate article tokens, written "al Nusra" or "az Zawr". */
export const ARTICLE_WORDS = new Set([
  'al', 'el', 'ul', 'il', 'ad', 'ed', 'adh', 'ar', 'er', 'as', 'es', 'ash', 'esh', 'at', 'et', 'ath', 'az', 'ez', 'an', 'en',
]);

function arabicDigits(s: string): string {
  return s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** Arabic-script key: hamza/alef forms, ta marbuta, alif maqsura, tatweel, harakat, Persian letters. */
export function arabicWordKey(word: string): string {
  let s = arabicDigits(word).replace(HARAKAT_RE, '');
  s = s
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/ء/g, '')
    .replace(/ة/g, 'ه')
    .replace(/[ىی]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/گ/g, 'ك');
  // The article is part of the written word in Arabic script; drop it so "الرقة" ≈ "رقة".
  if (s.length > 3 && s.startsWith('ال')) s = s.slice(2);
  return s;
}

/** Latin key of one word (a word may carry a hyphenated article: "ez-Zor"). */
export function latinWordKey(word: string): string {
  let s = word.normalize('NFC');
  s = /^[\x20-\x7e]*$/.test(s) ? s : anyAscii(arabicDigits(s));
  s = s.toLowerCase().replace(/[`'’‘ʿʾ´]/g, '');
  const m = ARTICLE_SUN_CAPTURE_RE.exec(s);
  if (m && ARTICLE_SUN_RE.test(s)) {
    // Sun-letter assimilation: al-Zor, az-Zor and ez-Zor are one spelling, "azzor".
    const sun = m[2] ?? '';
    s = 'a' + sun + s.slice(m[0].length - sun.length);
  } else if (ARTICLE_L_RE.test(s)) {
    s = 'al' + s.slice(s.indexOf('-') + 1);
  }
  s = s.replace(/[^a-z0-9]/g, '');
  if (/^\d+$/.test(s)) return s;
  s = s
    .replace(/ph/g, 'f')
    .replace(/dj/g, 'j')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/(?<=[a-z])iy(?=[aeiou])/g, 'i')
    .replace(/e[iy](?![aeiou])|a[iy](?![aeiou])/g, 'AY')
    .replace(/ou|oo|o|aw(?![aeiou])/g, 'u')
    .replace(/ee|ie(?=[a-z])/g, 'i')
    .replace(/e/g, 'a')
    .replace(/AY/g, 'ay')
    .replace(/y$/, 'i')
    .replace(/ah$/, 'a')
    .replace(/(.)\1+/g, '$1');
  return s;
}

export function isArabicScript(s: string): boolean {
  return ARABIC_RE.test(s);
}

export function wordKey(word: string): string {
  return isArabicScript(word) ? arabicWordKey(word) : latinWordKey(word);
}

const SURFACE_ARTICLE_RE = /^(?:[aeiu]l|[ae](?:sh|th|dh|[tdrszn]))[-\s]/i;

/** Article-free core of a word key, used to link "al-Jazrawi" with "Jazrawi" and "ez-Zor" with "Zor". */
export function coreKey(key: string, surface: string): string {
  if (!SURFACE_ARTICLE_RE.test(surface) || key.length < 4) return key;
  return key.startsWith('al') ? key.slice(2) : key.slice(1);
}

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’ʿʾ`][\p{L}\p{M}\p{N}]+)*/gu;

/** Word keys of a phrase, with loose article words glued to the word after them. */
export function phraseKeys(s: string): string[] {
  const words = s.match(WORD_RE) ?? [];
  const keys: string[] = [];
  let pendingArticle = '';
  for (const w of words) {
    const lower = w.toLowerCase();
    if (!isArabicScript(w) && ARTICLE_WORDS.has(lower)) {
      pendingArticle = lower + '-';
      continue;
    }
    keys.push(wordKey(pendingArticle + w));
    pendingArticle = '';
  }
  if (pendingArticle) keys.push(wordKey(pendingArticle.slice(0, -1)));
  return keys;
}

/** The normaliser: two strings are spelling variants iff their keys are equal. */
export function variantKey(s: string): string {
  return phraseKeys(s).join(' ');
}
