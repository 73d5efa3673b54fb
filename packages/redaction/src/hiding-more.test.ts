import { describe, expect, it } from 'vitest';
import { detect } from './index.ts';

/* Hiding phrases beyond "hid in …" (issue 12), one synthetic sentence per class. */
const CASES: Array<[cls: string, sentence: string, expected: string]> = [
  ['hiding place by its shape', 'For nine days we hid in a dry cistern behind the old mill, she said.', 'a dry cistern behind the old mill'],
  ['space behind a wall', 'My uncle kept us in a space behind the kitchen wall for a week.', 'a space behind the kitchen wall'],
  ['lodging rented from a private person', 'Now he rents one room in a guesthouse near the bus depot, he says.', 'one room in a guesthouse near the bus depot'],
  ['vehicle and driver', 'We paid a man with a tractor to take us to the river.', 'a man with a tractor to take us to the river'],
  ['helper who drove', 'I left with a cousin who drove a milk van to the frontier.', 'a cousin who drove a milk van to the frontier'],
  ['disguise', 'She wore a black abaya the whole way to the checkpoint.', 'wore a black abaya'],
  ['cover story', 'At the checkpoint he said I was his sister.', 'he said I was his sister'],
  ['concealed on the body', 'The money was sewn into the lining of my coat.', 'sewn into the lining of my coat'],
  ['route over terrain', 'We walked through the almond orchards until dawn, I remember.', 'through the almond orchards'],
  ['French: hidden in', 'Une voisine la cachait dans une remise au fond du jardin.', 'cachait dans une remise au fond du jardin'],
  ['French: lodging above a shop', 'Il loue un studio au-dessus d’une laverie depuis mars.', 'un studio au-dessus d’une laverie'],
  ['French: helper sent by someone', 'Un chauffeur envoyé par Abou Karim nous attendait.', 'chauffeur envoyé par Abou Karim'],
  ['French: route', 'Nous sommes passés à travers les vergers la nuit.', 'à travers les vergers'],
];

describe('hiding phrases beyond "hid in"', () => {
  it.each(CASES)('%s', (_cls, sentence, expected) => {
    const at = sentence.indexOf(expected);
    expect(at).toBeGreaterThanOrEqual(0);
    const hiding = detect(sentence).filter((s) => s.category === 'hiding');
    let covered = 0;
    for (let i = at; i < at + expected.length; i++) if (hiding.some((s) => s.start <= i && s.end > i)) covered++;
    expect(covered / expected.length).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves ordinary vehicles and rooms alone when nobody hides or moves', () => {
    const text = 'The ministry bought a truck for the school. The room in the town hall is large.';
    expect(detect(text).filter((s) => s.category === 'hiding')).toEqual([]);
  });
});
