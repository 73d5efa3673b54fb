import { quasiSubtypeOf, type QuasiSubtype } from '@desk/protocol';
import { findOccurrences } from './occurrences.ts';

/*
 * Default generalisations for the generalise export mode: a coarser value that keeps the
 * testimony readable ("28" → "in their late twenties", "14 June 2018" → "in 2018") where one
 * can be derived safely, else a bracketed label ([PROFESSION]). Wording is gender-neutral: the
 * span rarely says who the detail is about. Pure: the export package renders with it, the
 * review page previews it.
 */

export const GENERALISATION_LABEL: Record<QuasiSubtype | 'other', string> = {
  age: '[AGE]',
  profession: '[PROFESSION]',
  studies: '[STUDIES]',
  languages: '[LANGUAGES]',
  origin: '[ORIGIN]',
  family: '[FAMILY]',
  tribe: '[TRIBE]',
  appearance: '[APPEARANCE]',
  date: '[DATE]',
  duration: '[DURATION]',
  sum: '[SUM]',
  unit: '[UNIT]',
  group: '[GROUP]',
  other: '[DETAIL]',
};

type Lang = 'en' | 'fr' | 'ar';
const langOf = (language: string): Lang => (/^fr/i.test(language) ? 'fr' : /^ar/i.test(language) ? 'ar' : 'en');

/** Arabic-Indic and Persian digits read as ASCII, so "٢٨" is 28. */
const asciiDigits = (s: string): string => s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));

const DECADES_EN = ['', 'teens', 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];
const DECADES_FR = ['', '', 'vingtaine', 'trentaine', 'quarantaine', 'cinquantaine', 'soixantaine', 'soixante-dizaine', 'quatre-vingtaine', 'quatre-vingt-dizaine'];
const DECADES_AR = ['', '', 'العشرينات', 'الثلاثينات', 'الأربعينات', 'الخمسينات', 'الستينات', 'السبعينات', 'الثمانينات', 'التسعينات'];

function ageBand(age: number, lang: Lang): string | null {
  if (age < 13 || age > 99) return null;
  const decade = Math.floor(age / 10);
  if (lang === 'fr') return age < 20 ? 'adolescent' : `dans la ${DECADES_FR[decade]}`;
  if (lang === 'ar') return age < 20 ? 'في سن المراهقة' : `في ${DECADES_AR[decade]} من العمر`;
  if (age < 20) return 'in their teens';
  const part = age % 10 <= 3 ? 'early' : age % 10 <= 6 ? 'mid-' : 'late';
  return `in their ${part}${part === 'mid-' ? '' : ' '}${DECADES_EN[decade]}`;
}

function ageOf(original: string): number | null {
  const m = /(?<!\d)(\d{1,3})(?!\d)/.exec(asciiDigits(original));
  return m ? Number(m[1]) : null;
}

/** Words that may stand around a bare year without making it more precise. */
const YEAR_WORDS = new Set(['in', 'on', 'since', 'until', 'by', 'the', 'year', 'of', 'en', 'depuis', 'jusqu', 'l', 'année', 'في', 'عام', 'سنة', 'منذ']);

/** A date that names more than its year becomes the year; a bare year is not generalised further safely. */
function dateOf(original: string, lang: Lang): string | null {
  const text = asciiDigits(original);
  const m = /(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/.exec(text);
  if (!m) return null;
  const rest = text
    .replace(m[0], ' ')
    .split(/[\s,.'’-]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w) && !YEAR_WORDS.has(w.toLocaleLowerCase()));
  if (rest.length === 0) return null;
  return lang === 'fr' ? `en ${m[1]}` : lang === 'ar' ? `في عام ${m[1]}` : `in ${m[1]}`;
}

function durationOf(original: string, lang: Lang): string | null {
  if (lang !== 'en') return null;
  const m = /\b(day|week|month|year)s?\b/i.exec(original);
  return m ? `for some ${m[1]?.toLowerCase()}s` : null;
}

function coarser(subtype: QuasiSubtype | null, original: string, lang: Lang): string | null {
  switch (subtype) {
    case 'age': {
      const age = ageOf(original);
      return age === null ? null : ageBand(age, lang);
    }
    case 'date':
      return dateOf(original, lang);
    case 'duration':
      return durationOf(original, lang);
    default:
      return null;
  }
}

/** True when `replacement` would show the original again (itself, or a spelling of it). */
export function revealsOriginal(replacement: string, original: string): boolean {
  const a = replacement.normalize('NFC').toLocaleLowerCase();
  const b = original.normalize('NFC').trim().toLocaleLowerCase();
  if (b && a.includes(b)) return true;
  return /[\p{L}\p{N}]/u.test(original) && findOccurrences(replacement, original).length > 0;
}

/** The default generalisation of one quasi-identifier: a coarser value where safe, else a label. */
export function defaultGeneralisation(subtype: string | null, original: string, language: string): string {
  const kind = quasiSubtypeOf(subtype);
  const label = GENERALISATION_LABEL[kind ?? 'other'];
  const value = coarser(kind, original, langOf(language));
  return value !== null && !revealsOriginal(value, original) ? value : label;
}
