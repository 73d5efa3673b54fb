import { createRequire } from 'node:module';
import { arabicWordKey } from './normalise.ts';

/*
 * Common Arabic words, to tell a name from an ordinary word in Arabic script (there are no capitals).
 * data/arabic-words.json is built from Debian's hunspell-ar (Ayaspell) by src/cli/build-data.ts: stems and
 * listed forms as arabicWordKey keys; nouns the dictionary flags as proper nouns are kept apart.
 * Loaded on first use, so texts without Arabic script never pay for it.
 */
interface ArabicWordsFile {
  common: string;
  proper: string;
}

let common: Set<string> | undefined;
let proper: Set<string> | undefined;

function load(): void {
  const require = createRequire(import.meta.url);
  let data: ArabicWordsFile;
  try {
    data = require('../data/arabic-words.json') as ArabicWordsFile;
  } catch {
    data = { common: '', proper: '' };
  }
  common = new Set(data.common.split(' '));
  proper = new Set(data.proper.split(' '));
}

const PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك', 'س', 'وب', 'ول', 'فب', 'فل', 'وس'];
const SUFFIXES = ['هما', 'كما', 'تما', 'هم', 'هن', 'كم', 'كن', 'نا', 'ها', 'ات', 'ان', 'ين', 'ون', 'وا', 'تم', 'ته', 'يه', 'ه', 'ك', 'ي', 'ت', 'ا'];

/** Keys the word may be a form of, once clitics and endings are taken off (a few stems, all tried). */
function stems(key: string): string[] {
  const out = [key];
  const bases = [key];
  for (const p of PREFIXES) if (key.startsWith(p) && key.length - p.length >= 2) bases.push(key.slice(p.length));
  for (const b of bases) {
    if (b !== key) out.push(b);
    for (const s of SUFFIXES) {
      if (!b.endsWith(s) || b.length - s.length < 2) continue;
      const stem = b.slice(0, -s.length);
      out.push(stem, stem + 'ه');
    }
  }
  return out;
}

/** Is the Arabic-script word an ordinary word (not a name)? `key` is its arabicWordKey. */
export function isCommonArabicWord(surface: string, key: string = arabicWordKey(surface)): boolean {
  if (!common || !proper) load();
  if (key.length < 2) return true;
  if (proper?.has(key)) return false;
  for (const s of stems(key)) if (common?.has(s)) return true;
  return false;
}
