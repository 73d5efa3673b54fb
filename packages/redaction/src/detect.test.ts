import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import type { DetectedSpan } from './types.ts';

const fixture = readFileSync(new URL('./fixtures/synthetic-testimony.txt', import.meta.url), 'utf8');
const spans = detect(fixture);
const surface = (s: DetectedSpan, text = fixture): string => text.slice(s.start, s.end);
const of = (cat: DetectedSpan['category'], list = spans, text = fixture): string[] => list.filter((s) => s.category === cat).map((s) => surface(s, text));

describe('detect: categories on a synthetic testimony', () => {
  it('finds witnesses, relatives, kunyas and pseudonyms', () => {
    const persons = of('person');
    for (const name of ['Khalil', 'Abu Yasin', 'Rami', 'Nizar', 'Sharif', 'Umm Yasin']) expect(persons).toContain(name);
  });

  it('finds home villages and places of the witness, including the dateline', () => {
    const places = of('place');
    for (const p of ['GAZIANTEP', 'Kafr Sanbal', 'Manbij', 'Jarablus']) expect(places).toContain(p);
  });

  it('does not suggest places named only as news context', () => {
    const places = of('place');
    expect(places).not.toContain('Aleppo');
    expect(places).not.toContain('Raqqa');
    const low = detect(fixture, { minConfidence: 0 }).filter((s) => s.category === 'place' && surface(s) === 'Aleppo');
    expect(low[0]?.confidence).toBeLessThan(0.5);
  });

  it('finds hiding places, safe houses and routes', () => {
    const hiding = of('hiding');
    expect(hiding.some((h) => h.includes('the basement of a neighbour'))).toBe(true);
    expect(hiding.some((h) => h.includes('a safe house belonging to a relative'))).toBe(true);
    expect(hiding.some((h) => h.includes('where he has been hiding'))).toBe(true);
    expect(hiding.some((h) => h.includes('olive groves'))).toBe(true);
  });

  it('finds quasi-identifiers with a subtype', () => {
    const quasi = spans.filter((s) => s.category === 'quasi');
    const bySubtype = (t: string): string[] => quasi.filter((s) => s.subtype === t).map((s) => surface(s));
    expect(bySubtype('age')).toContain('31');
    expect(bySubtype('profession')).toContain('a former pharmacy student');
    expect(bySubtype('date')).toContain('in March 2019');
    expect(bySubtype('sum').some((s) => s.includes('$1,200'))).toBe(true);
    expect(bySubtype('family').some((s) => s.startsWith('married with three children'))).toBe(true);
  });

  it('never suggests public entities: heads of state, groups, countries, media, bylines', () => {
    const all = spans.map((s) => surface(s));
    for (const pub of ['Bashar al-Assad', 'Assad', 'Recep Tayyip Erdogan', 'ISIS', 'Islamic State', 'Reuters', 'BBC', 'Layla Haddad', 'AFP']) {
      expect(all.some((s) => s.includes(pub))).toBe(false);
    }
  });

  it('returns well-formed spans', () => {
    for (const s of spans) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.confidence).toBeGreaterThanOrEqual(0.5);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.reason.length).toBeGreaterThan(0);
      expect(s.entityKey.startsWith(s.category)).toBe(true);
    }
  });
});

describe('detect: allow-list', () => {
  it('options.allow removes a term that would otherwise be suggested', () => {
    const text = 'Khalil says he fled from Kafr Sanbal with his cousin Rami.';
    expect(of('person', detect(text), text)).toContain('Rami');
    const allowed = detect(text, { allow: ['Rami'] });
    expect(of('person', allowed, text)).not.toContain('Rami');
    expect(of('person', allowed, text)).toContain('Khalil');
  });
});

describe('detect: entity grouping', () => {
  it('gives every mention, short form, spelling variant and ALL-CAPS form one entityKey', () => {
    const text =
      'SANLIURFA — Abu Hafs al-Hamdani, his former commander, still looks for him. "Al-Hamdani never forgets," Khalil says. ' +
      'Khalil now hides at a friend’s in Şanlıurfa; KHALIL thinks Sanliurfa is safe. He left Akçakale, and Akcakale is near.';
    const found = detect(text);
    const keyOf = (t: string): Set<string> => new Set(found.filter((s) => surface(s, text) === t).map((s) => s.entityKey));
    const khalil = keyOf('Khalil');
    expect(khalil.size).toBe(1);
    expect(keyOf('KHALIL')).toEqual(khalil);
    expect(keyOf('Al-Hamdani')).toEqual(keyOf('Abu Hafs al-Hamdani'));
    expect(keyOf('Sanliurfa')).toEqual(keyOf('SANLIURFA'));
    expect(keyOf('Akcakale')).toEqual(keyOf('Akçakale'));
    expect([...keyOf('Akcakale')][0]).not.toBe([...keyOf('Sanliurfa')][0]);
  });

  it('groups a kunya short form with its full form, but never a father with his son', () => {
    const text =
      'A commander who called himself Abu Nidal al-Qasimi ran the checkpoint. "Abu Nidal came every night," Rami said. ' +
      'His cousin Ahmed Saleh drove him north; a smuggler known as Abu Ahmed took the money.';
    const found = detect(text);
    const keyOf = (t: string): string[] => found.filter((s) => surface(s, text) === t).map((s) => s.entityKey);
    expect(keyOf('Abu Nidal')).toHaveLength(1);
    expect(keyOf('Abu Nidal')).toEqual(keyOf('Abu Nidal al-Qasimi'));
    expect(keyOf('Abu Ahmed')).toHaveLength(1);
    expect(keyOf('Abu Ahmed')[0]).not.toBe(keyOf('Ahmed Saleh')[0]);
  });
});

describe('detect: offsets with Arabic, combining accents and emoji', () => {
  it('slices back to the expected surface strings', () => {
    const text = '🙂👨‍👩‍👧 محمد قال. Re\u0301my says: "My cousin Nizar 🙂 and I fled to Jarablus." Khalil, 31, agreed.';
    const found = detect(text);
    const surfaces = found.map((s) => surface(s, text));
    expect(surfaces).toContain('Nizar');
    expect(surfaces).toContain('Jarablus');
    expect(surfaces).toContain('Khalil');
    const nizar = found.find((s) => surface(s, text) === 'Nizar');
    expect(nizar?.start).toBe(text.indexOf('Nizar'));
  });
});
