import { describe, expect, it } from 'vitest';
import { defaultGeneralisation, revealsOriginal } from './generalisation.ts';

describe('default generalisations', () => {
  it.each([
    ['age', '28', 'en', 'in their late twenties'],
    ['age', '33', 'en', 'in their early thirties'],
    ['age', 'a 45-year-old shepherd', 'en', 'in their mid-forties'],
    ['age', 'aged 17', 'en', 'in their teens'],
    ['age', '29 ans', 'fr', 'dans la vingtaine'],
    ['age', '٢٨ عاماً', 'ar', 'في العشرينات من العمر'],
    ['date', '14 June 2018', 'en', 'in 2018'],
    ['date', 'in early March 2013', 'en', 'in 2013'],
    ['date', 'en mars 2018', 'fr', 'en 2018'],
    ['date', '5 آذار 2014', 'ar', 'في عام 2014'],
    ['duration', 'held for three years', 'en', 'for some years'],
    ['job', 'professional engineer', 'en', '[PROFESSION]'],
    ['tribe', 'the Banu Example clan', 'en', '[TRIBE]'],
    [null, 'anything', 'en', '[DETAIL]'],
  ])('%s "%s" (%s) → %s', (subtype, original, lang, want) => {
    expect(defaultGeneralisation(subtype, original, lang)).toBe(want);
  });

  it('falls back to the label where a coarser value would say no less, or nothing can be derived', () => {
    expect(defaultGeneralisation('date', 'in 2018', 'en')).toBe('[DATE]');
    expect(defaultGeneralisation('date', 'last summer', 'en')).toBe('[DATE]');
    expect(defaultGeneralisation('age', 'in his late twenties', 'en')).toBe('[AGE]');
    expect(defaultGeneralisation('age', '7', 'en')).toBe('[AGE]');
    expect(defaultGeneralisation('duration', 'for some years', 'en')).toBe('[DURATION]');
    expect(defaultGeneralisation('duration', 'لمدة شهرين', 'ar')).toBe('[DURATION]');
  });

  it('recognises a replacement that shows the original again, in any case or spelling', () => {
    expect(revealsOriginal('He was IN 2018 there', 'in 2018')).toBe(true);
    expect(revealsOriginal('a former engineer', 'engineer')).toBe(true);
    expect(revealsOriginal('in their late twenties', '28')).toBe(false);
    expect(revealsOriginal('from the north', 'Kafr Nadeem')).toBe(false);
  });
});
