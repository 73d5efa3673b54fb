import { englishWordsData, gazetteerData, givenNamesData, type GazetteerEntry } from './data.ts';

/*
 * Lookups over the bundled resources. Given names come from gender-detection-from-name (which holds
 * many transliterated Arabic and Turkish names), places from GeoNames, English words from word-list.
 * Names that are also English words ("Rose", "Will") are kept apart: they need a person cue.
 */
const givenNames = new Set(givenNamesData.names);
const wordNames = new Set(givenNamesData.wordNames);
const englishWords = new Set(englishWordsData);

export type NameStrength = 'strong' | 'weak' | 'none';

export function nameStrength(key: string, lower: string): NameStrength {
  // The surface decides: "Rose" is weak, but "Omar" stays strong even though its key is shared with "omer".
  if (givenNames.has(key) || wordNames.has(key)) return englishWords.has(lower) ? 'weak' : 'strong';
  return 'none';
}

export function isEnglishWord(lower: string): boolean {
  return englishWords.has(lower) || (lower.endsWith('s') && englishWords.has(lower.slice(0, -1)));
}

export function gazetteer(phraseKey: string): GazetteerEntry | undefined {
  return gazetteerData[phraseKey];
}

/** Words that join the parts of an Arabic name: Abu Hafs, Umm Khaled, Mohammed bin Salem. */
export const NAME_CONNECTORS = new Set(['bin', 'ben', 'ibn', 'bint', 'abd', 'abdul', 'abdel', 'abu', 'abou', 'abo', 'umm', 'um', 'om', 'de', 'van', 'von']);
export const KUNYA_HEADS = new Set(['abu', 'abou', 'abo', 'umm', 'um', 'om', 'bin', 'ibn', 'bint']);
