import { describe, expect, it } from 'vitest';
import { findLeaks, findOccurrences } from './occurrences.ts';

describe('findOccurrences', () => {
  it('finds spelling variants, word-bounded, with exact surface offsets', () => {
    const text = 'He left Deir ez-Zor. Later, DEIR EZZOR and Dayr az Zawr again, but not Deirezzorian.';
    const found = findOccurrences(text, 'Deir Ezzor');
    expect(found.map((o) => o.text)).toEqual(['Deir ez-Zor', 'DEIR EZZOR', 'Dayr az Zawr']);
    for (const o of found) expect(text.slice(o.start, o.end)).toBe(o.text);
  });

  it('does not match a different name or a word containing the needle', () => {
    expect(findOccurrences('Hamid met Ahmadi and Mahmoud.', 'Ahmed')).toEqual([]);
  });

  it('matches Arabic with a glued proclitic and hamza variants', () => {
    const text = 'قال وأحمد إن احمد غادر';
    const found = findOccurrences(text, 'أحمد');
    // The proclitic و ("and") stays outside the hit: it says nothing about who.
    expect(found.map((o) => o.text)).toEqual(['أحمد', 'احمد']);
    expect(found[0]?.start).toBe(text.indexOf('وأحمد') + 1);
  });
});

describe('findLeaks', () => {
  it('finds secrets regardless of case and diacritics, after emoji', () => {
    const text = '🙂🙂 He now hides in sanlıurfa with KHALIL 🙂.';
    const leaks = findLeaks(text, ['Şanlıurfa', 'Khalil', 'Nizar']);
    expect(leaks.map((l) => [l.secret, l.text])).toEqual([
      ['Şanlıurfa', 'sanlıurfa'],
      ['Khalil', 'KHALIL'],
    ]);
    for (const l of leaks) expect(text.slice(l.start, l.end)).toBe(l.text);
  });

  it('catches a Latin secret written in Arabic script', () => {
    const text = 'The export still says ماهر here.';
    const leaks = findLeaks(text, ['Maher']);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]?.text).toBe('ماهر');
  });

  it('returns nothing for a clean text', () => {
    expect(findLeaks('[PERSON 1] stayed in [PLACE 2].', ['Khalil', 'Kilis'])).toEqual([]);
  });
});
