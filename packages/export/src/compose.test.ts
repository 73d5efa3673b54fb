import { describe, expect, it } from 'vitest';
import { BAR, compose } from './compose.ts';
import { docWith } from './test/fixtures.ts';

const BODY = 'Samir met Abu Raed in Aleppo. Later Samir 🕊️ left; سمير قال إنه في حلب.';

describe('compose', () => {
  it('drops every accepted span and keeps rejected and suggested ones', () => {
    const doc = docWith(BODY, [
      { needle: 'Samir', group: 'samir' },
      { needle: 'Samir', nth: 1, group: 'samir' },
      { needle: 'Abu Raed', state: 'rejected' },
      { needle: 'Aleppo', category: 'place', state: 'suggested' },
    ]);
    const c = compose(doc, 'label');
    expect(c.text).toBe('[PERSON] met Abu Raed in Aleppo. Later [PERSON] 🕊️ left; سمير قال إنه في حلب.');
    expect(c.text).not.toContain('Samir');
  });

  it('uses a bar of the same width whatever the length hidden', () => {
    const doc = docWith(BODY, [{ needle: 'Samir' }, { needle: 'Abu Raed' }, { needle: 'حلب', category: 'place' }]);
    const c = compose(doc, 'bar');
    expect(c.text.startsWith(`${BAR} met ${BAR} in`)).toBe(true);
    expect(c.text.endsWith(`في ${BAR}.`)).toBe(true);
    expect(c.pieces.filter((p) => p.kind === 'mask').every((p) => p.text === BAR)).toBe(true);
  });

  it('gives one pseudonym per entity group and a fresh number to each ungrouped span', () => {
    const doc = docWith(BODY, [
      { needle: 'Samir', group: 'samir' },
      { needle: 'Abu Raed', group: 'raed' },
      { needle: 'Samir', nth: 1, group: 'samir' },
      { needle: 'سمير' },
      { needle: 'Aleppo', category: 'place' },
      { needle: 'حلب', category: 'place' },
    ]);
    const c = compose(doc, 'pseudonym');
    expect(c.text).toBe('[PERSON 1] met [PERSON 2] in [PLACE 1]. Later [PERSON 1] 🕊️ left; [PERSON 3] قال إنه في [PLACE 2].');
  });

  it('merges overlapping spans into one mask, never leaving a fragment', () => {
    const doc = docWith(BODY, [{ needle: 'Abu Raed' }, { needle: 'Raed in Alep', category: 'other' }]);
    const c = compose(doc, 'label');
    expect(c.text.startsWith('Samir met [PERSON]po.')).toBe(true);
    expect(c.log).toHaveLength(1);
  });

  it('writes a redaction log of placeholders only: no original strings, reasons or staff names', () => {
    const doc = docWith(BODY, [{ needle: 'Samir' }, { needle: 'حلب', category: 'place' }]);
    doc.redactions[0]!.reason = 'real name Samir, lives above the bakery';
    const { log } = compose(doc, 'label');
    expect(log).toEqual([
      { n: 1, placeholder: '[PERSON]', category: 'person' },
      { n: 2, placeholder: '[PLACE]', category: 'place' },
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Samir|حلب|bakery|Editor One/);
  });

  it('numbers pseudonyms 1, 2, 3 in reading order per category, one per entity, skipping nothing', () => {
    const body = 'Dana met Omar, then Rami. Omar and Dana left Idlib for Kilis; Rami stayed in Kilis.';
    const doc = docWith(body, [
      // Written in an order unlike the text's, with a rejected entity and a place inside a person group.
      { needle: 'Rami', group: 'rami' },
      { needle: 'Omar', group: 'omar', state: 'rejected' },
      { needle: 'Dana', group: 'dana' },
      { needle: 'Omar', nth: 1, group: 'omar2' },
      { needle: 'Dana', nth: 1, group: 'dana' },
      { needle: 'Rami', nth: 1, group: 'rami' },
      { needle: 'Kilis', category: 'place', group: 'kilis' },
      { needle: 'Kilis', nth: 1, category: 'place', group: 'kilis' },
      { needle: 'Idlib', category: 'place', group: 'dana' },
    ]);
    expect(compose(doc, 'pseudonym').text).toBe(
      '[PERSON 1] met Omar, then [PERSON 2]. [PERSON 3] and [PERSON 1] left [PLACE 1] for [PLACE 2]; [PERSON 2] stayed in [PLACE 2].',
    );
  });

  it('generalise mode: quasi-identifiers show a coarser value, names keep their pseudonym', () => {
    const body = 'Samir, 28, a pharmacist from Idlib, fled on 14 June 2018 with Samir’s cousin.';
    const doc = docWith(body, [
      { needle: 'Samir', group: 'samir' },
      { needle: '28', category: 'quasi' },
      { needle: 'pharmacist', category: 'quasi' },
      { needle: '14 June 2018', category: 'quasi' },
      { needle: 'Samir', nth: 1, group: 'samir' },
    ]);
    const [, age, job, date] = doc.redactions;
    Object.assign(age!, { subtype: 'age' });
    Object.assign(job!, { subtype: 'profession', generalisation: 'a health worker' });
    Object.assign(date!, { subtype: 'date' });
    const c = compose(doc, 'generalise');
    expect(c.text).toBe('[PERSON 1], in their late twenties, a a health worker from Idlib, fled on in 2018 with [PERSON 1]’s cousin.');
    expect(c.log.map((l) => l.placeholder)).toEqual(['[PERSON 1]', 'in their late twenties', 'a health worker', 'in 2018', '[PERSON 1]']);
  });

  it('generalise mode fails closed to a label when a written value would show the original again', () => {
    const doc = docWith('He was 28 then.', [{ needle: '28', category: 'quasi' }]);
    Object.assign(doc.redactions[0]!, { subtype: 'age', generalisation: 'exactly 28' });
    expect(compose(doc, 'generalise').text).toBe('He was [DETAIL] then.');
  });
});
