import anyAscii from 'any-ascii';
import { arabicWordKey, isArabicScript, phraseKeys, wordKey } from './normalise.ts';
import { tokenise, type Token } from './tokens.ts';

/*
 * "Redact all occurrences (and variants)" and the export leak gate. Matching is word-bounded on
 * variant keys, so case, diacritics, article forms and transliteration variants all match. Arabic
 * words may carry a one-letter proclitic (و ب ل ف ك) glued on, and are also compared with Latin
 * secrets through a consonant skeleton, so "ماهر" in an export is caught for the secret "Maher".
 */
export interface Occurrence {
  start: number;
  end: number;
  text: string;
}

interface Unit {
  start: number;
  end: number;
  keys: string[];
  skeleton: string;
}

const PROCLITIC_RE = /^(?:[وفبلك]|وال|بال|لل|فال|كال)/;

function skeletonOf(latin: string): string {
  return latin.toLowerCase().replace(/[^a-z]/g, '').replace(/[aeiouwy]/g, '').replace(/(.)\1+/g, '$1');
}

function units(tokens: readonly Token[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const next = tokens[i + 1];
    if (t.article && next && !next.arabic) {
      // "az Zawr" is one word for matching purposes
      const key = wordKey(`${t.text}-${next.text}`);
      out.push({ start: t.start, end: next.end, keys: [key, next.core, next.key], skeleton: skeletonOf(key) });
      i++;
      continue;
    }
    const keys = [t.key, t.core];
    let skeleton: string;
    if (t.arabic) {
      const bare = arabicWordKey(t.text.replace(PROCLITIC_RE, ''));
      if (bare.length >= 2) keys.push(bare);
      skeleton = skeletonOf(anyAscii(t.key.startsWith('ال') ? t.key.slice(2) : t.key));
    } else skeleton = skeletonOf(t.key);
    out.push({ start: t.start, end: t.end, keys, skeleton });
  }
  return out;
}

function needleUnits(needle: string): Array<{ key: string; skeleton: string; arabic: boolean }> {
  return phraseKeys(needle).map((key) => ({ key, skeleton: isArabicScript(key) ? skeletonOf(anyAscii(key)) : skeletonOf(key), arabic: isArabicScript(key) }));
}

function match(text: string, hay: readonly Unit[], needle: string): Occurrence[] {
  const want = needleUnits(needle);
  const out: Occurrence[] = [];
  if (want.length === 0) return out;
  for (let i = 0; i + want.length <= hay.length; i++) {
    let ok = true;
    for (let k = 0; k < want.length && ok; k++) {
      const u = hay[i + k];
      const w = want[k];
      if (!u || !w) ok = false;
      else if (!u.keys.includes(w.key)) {
        // cross-script: only on skeletons long enough not to match by chance
        ok = w.skeleton.length >= 3 && u.skeleton === w.skeleton && isArabicScript(text.slice(u.start, u.end)) !== w.arabic;
      }
    }
    if (!ok) continue;
    const a = hay[i];
    const b = hay[i + want.length - 1];
    if (a && b) out.push({ start: a.start, end: b.end, text: text.slice(a.start, b.end) });
  }
  return out;
}

/** Every occurrence of `needle` and its spelling variants in `text`, word-bounded. */
export function findOccurrences(text: string, needle: string): Occurrence[] {
  return match(text, units(tokenise(text).tokens), needle);
}

/** Every place in an exported text where a secret, or a variant of it, still appears. */
export function findLeaks(renderedText: string, secrets: readonly string[]): Array<Occurrence & { secret: string }> {
  const hay = units(tokenise(renderedText).tokens);
  const out: Array<Occurrence & { secret: string }> = [];
  for (const secret of secrets) for (const o of match(renderedText, hay, secret)) out.push({ secret, ...o });
  return out.sort((a, b) => a.start - b.start);
}
