import { ARTICLE_WORDS, coreKey, isArabicScript, wordKey } from './normalise.ts';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** lower-cased surface */
  lower: string;
  /** variantKey of the word */
  key: string;
  /** key without an Arabic article, to link "al-Jazrawi" and "Jazrawi" */
  core: string;
  /** starts with a capital letter, or is an article glued to a capitalised word (al-Nusra) */
  cap: boolean;
  allCaps: boolean;
  /** first word of a sentence, line, quotation or clause after a colon/dash: capitalised by position */
  posStart: boolean;
  sentence: number;
  line: number;
  /** loose article word: "al", "ez" */
  article: boolean;
  possessive: boolean;
  arabic: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** token index range [first, last) */
  first: number;
  last: number;
}

export interface Tokenised {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  /** line index -> [first token, last token) */
  lines: Array<[number, number]>;
}

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’ʿʾ][\p{L}\p{M}\p{N}]+)*/gu;
const UPPER_RE = /^\p{Lu}/u;
const TURKISH_CASE_RE = /(?<=\p{L}{3})['’](?:de|da|te|ta|den|dan|ten|tan|e|a|ye|ya|yi|yı|nin|nın|nun|nün|in|ın|un|ün|le|la|yle|yla|li|lı|lu|lü|deki|daki|teki|taki)$/u;
const HAS_LOWER_RE = /\p{Ll}/u;
const ARTICLE_CAP_RE = /^(?:[ae][lrtdszn]|a[sd]h|e[sd]h)-\p{Lu}/u;
const SENTENCE_GAP_RE = /[.!?…؟]["”’')\]]*\s|\n/;
const SOFT_START_GAP_RE = /["“‘:—–(]\s*$/;

const keyCache = new Map<string, [string, string]>();
function keysOf(word: string): [string, string] {
  let k = keyCache.get(word);
  if (!k) {
    const key = wordKey(word);
    k = [key, coreKey(key, word)];
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(word, k);
  }
  return k;
}

export function tokenise(text: string): Tokenised {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const lines: Array<[number, number]> = [];
  let sentence = 0;
  let line = 0;
  let sentStartTok = 0;
  let sentStartOff = 0;
  let lineStartTok = 0;
  let prevEnd = 0;
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    let surface = m[0];
    const gap = text.slice(prevEnd, start);
    const newLines = gap.split('\n').length - 1;
    const isNewSentence = tokens.length === 0 || SENTENCE_GAP_RE.test(gap);
    if (isNewSentence && tokens.length > 0) {
      sentences.push({ start: sentStartOff, end: prevEnd, first: sentStartTok, last: tokens.length });
      sentence++;
      sentStartTok = tokens.length;
      sentStartOff = start;
    }
    if (newLines > 0) {
      lines.push([lineStartTok, tokens.length]);
      for (let i = 1; i < newLines; i++) lines.push([tokens.length, tokens.length]);
      line += newLines;
      lineStartTok = tokens.length;
    }
    let possessive = false;
    if (surface.length > 3 && /['’]s$/.test(surface)) {
      surface = surface.slice(0, -2);
      possessive = true;
    }
    const arabic = isArabicScript(surface);
    // Turkish case endings after an apostrophe ("Akçakale'de", "Kilis'ten") are not part of the name:
    // the key is the bare name's, the token still covers the whole word.
    const [key, core] = keysOf(/['’]/.test(surface) && UPPER_RE.test(surface) && TURKISH_CASE_RE.test(surface) ? surface.replace(TURKISH_CASE_RE, '') : surface);
    const lower = surface.toLowerCase();
    const cap = UPPER_RE.test(surface) || ARTICLE_CAP_RE.test(surface);
    tokens.push({
      start,
      end: start + surface.length,
      text: surface,
      lower,
      key,
      core,
      cap,
      allCaps: cap && surface.length > 1 && !HAS_LOWER_RE.test(surface),
      posStart: isNewSentence || newLines > 0 || SOFT_START_GAP_RE.test(gap),
      sentence,
      line,
      article: !arabic && ARTICLE_WORDS.has(lower),
      possessive,
      arabic,
    });
    prevEnd = start + m[0].length;
  }
  sentences.push({ start: sentStartOff, end: prevEnd, first: sentStartTok, last: tokens.length });
  lines.push([lineStartTok, tokens.length]);
  return { text, tokens, sentences, lines };
}
