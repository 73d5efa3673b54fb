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
export const NAME_CONNECTORS = new Set(['bin', 'ben', 'ibn', 'bint', 'abd', 'abdul', 'abdel', 'abu', 'abou', 'abo', 'umm', 'um', 'om', 'oum', 'de', 'van', 'von']);
/**
 * First words of Levantine / Mesopotamian place names (variant keys): Tal/Tell, Kafr, Deir, Ain, Beit,
 * Khirbet, Jisr, Qasr, Bir, Ras, Wadi, Jabal, Marj, Mazraat, Maarat. "Tell Abyad" is a place even when
 * GeoNames lacks it and "Tell" is an English word.
 */
export const PLACE_HEAD_KEYS = new Set(['tal', 'kafr', 'kfar', 'kafar', 'dayr', 'ayn', 'bayt', 'khirbat', 'jisr', 'kasr', 'bir', 'ras', 'wadi', 'jabal', 'jbal', 'marj', 'mazraat', 'maarat', 'maarrat', 'tall']);

/** Capitalised function words of French (and other Latin-script languages) that no name list should turn into names. */
export const FOREIGN_FUNCTION_WORDS = new Set(
  "je j il elle on nous vous ils elles le la les l un une des du de d au aux sa son ses mon ma mes ton ta tes notre nos votre vos leur leurs ce cet cette ces c qu quand dans avec pour par sur sous entre vers chez mais et ou donc car puis alors après avant depuis selon aujourd'hui hier demain lui eux moi toi y en à où comme si ni ne pas plus très tout tous toute toutes il y a".split(' '),
);

export const KUNYA_HEADS = new Set(['abu', 'abou', 'abo', 'umm', 'um', 'om', 'oum', 'bin', 'ibn', 'bint']);

/** An ordinary word of English or French (the languages of Latin-script testimonies here). */
export function isCommonWord(lower: string): boolean {
  return isEnglishWord(lower) || FOREIGN_FUNCTION_WORDS.has(lower);
}
