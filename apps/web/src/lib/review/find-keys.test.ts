import { describe, expect, it } from 'vitest';
import type { RedactionDto } from '@desk/protocol';
import { guessCategory, hitState } from './hits';
import { moveFocus, nextSentence, nextWord, prevWord, sentenceAt, wordAt } from './textNav';

const BODY = '🕊️ Élodie met Karim in Gaziantep. محمد كان هناك! Then they left on 3 May 2014.';
const at = (s: string) => BODY.indexOf(s);

describe('keyboard caret movement', () => {
  it('moves word by word over emoji, accents and Arabic without splitting a character', () => {
    const starts: string[] = [];
    for (let o: number | null = 0; o !== null; o = nextWord(BODY, o)) starts.push(BODY.slice(o, o + 3));
    expect(starts).toContain('Élo');
    expect(starts).toContain('محم');
    expect(starts).toContain('كان');
    expect(prevWord(BODY, at('met'))).toBe(at('Élodie'));
    expect(wordAt(BODY, at('odie'))).toEqual({ start: at('Élodie'), end: at('Élodie') + 6 });
  });

  it('selects the sentence at the caret and jumps to the next one', () => {
    const s = sentenceAt(BODY, at('Karim'));
    expect(BODY.slice(s!.start, s!.end)).toBe('🕊️ Élodie met Karim in Gaziantep.');
    expect(nextSentence(BODY, at('Karim'))).toBe(at('محمد'));
  });

  it('extends a selection by whole words forwards and shrinks it backwards', () => {
    const a = at('Karim');
    const f1 = moveFocus(BODY, a, 1, 'word');
    expect(BODY.slice(a, f1)).toBe('Karim');
    const f2 = moveFocus(BODY, f1, 1, 'word');
    expect(BODY.slice(a, f2)).toBe('Karim in');
    expect(moveFocus(BODY, f2, -1, 'word')).toBe(at('in Gaziantep'));
  });
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function red(n: number, start: number, end: number, extra: Partial<RedactionDto> = {}): RedactionDto {
  return {
    id: uuid(n), start, end, category: 'person', subtype: null, generalisation: null, state: 'accepted', entityGroupId: null, reason: null, confidence: null,
    source: 'engine', rev: 0, proposedBy: null, decidedBy: null, decidedAt: null, createdAt: '', updatedAt: '', ...extra,
  };
}

describe('find hits', () => {
  const karim = { start: at('Karim'), end: at('Karim') + 5 };
  const city = { start: at('Gaziantep'), end: at('Gaziantep') + 9 };

  it('says whether each hit is redacted, suggested or still visible (rejected and partial cover count as visible)', () => {
    expect(hitState([red(1, karim.start, karim.end)], karim)).toBe('redacted');
    expect(hitState([red(1, karim.start, karim.end, { state: 'suggested' })], karim)).toBe('suggested');
    expect(hitState([red(1, karim.start, karim.end, { state: 'rejected' })], karim)).toBe('visible');
    expect(hitState([red(1, karim.start, karim.start + 3)], karim)).toBe('visible');
    expect(hitState([red(1, 0, BODY.length, { state: 'suggested' }), red(2, karim.start, karim.end)], karim)).toBe('redacted');
  });

  it("defaults the category to what the engine called the string, else quasi for a date, else person", () => {
    const sorted = [red(1, city.start, city.end, { category: 'place', state: 'suggested' })];
    expect(guessCategory(sorted, [city], 'Gaziantep')).toBe('place');
    expect(guessCategory(sorted, [karim], 'Karim')).toBe('person');
    expect(guessCategory([], [], '3 May 2014'.replace(/ May /, '/05/'))).toBe('quasi');
    expect(guessCategory([], [], '2014')).toBe('quasi');
  });
});
