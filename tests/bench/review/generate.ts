/**
 * A synthetic long testimony for the review-page benchmark: ~20,000 words in ~250 paragraphs,
 * dense with made-up personal names in the shapes the engine suggests (two-part names after a
 * kinship word, names repeated alone), so that the page has ~2,000 suggestions to draw. Seeded,
 * so every run measures the same text. Names are invented combinations, not taken from any text.
 */
const GIVEN = ['Samir', 'Nadia', 'Khaled', 'Rania', 'Tarek', 'Lina', 'Yusuf', 'Hala', 'Bilal', 'Mona', 'Fadi', 'Salma', 'Omar', 'Dima', 'Walid', 'Rima'];
const FAMILY = ['Haddad', 'Khoury', 'Nassar', 'Saleh', 'Darwish', 'Mansour', 'Rahal', 'Jaber', 'Halabi', 'Azar', 'Tamer', 'Qasem'];
const KIN = ['my brother', 'my cousin', 'my neighbour', 'my uncle', 'my friend', 'my sister'];
const FILLER = [
  'the road was long and the night was cold',
  'we waited near the wall until the rain stopped',
  'nobody spoke while the trucks went past',
  'the bread was hard but we shared it anyway',
  'there was no electricity for many days',
  'the children slept in the back room',
  'we listened to the radio for news of the fighting',
  'the price of flour rose again that week',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

export function generateTestimony(words = 20_000, seed = 17): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const sentences: string[] = [];
    let inPara = 0;
    while (inPara < 80) {
      const given = pick(GIVEN);
      const s =
        r() < 0.66
          ? `Then ${pick(KIN)} ${given} ${pick(FAMILY)} said that ${pick(FILLER)}, and ${given} agreed.`
          : `${pick(FILLER).replace(/^./, (c) => c.toUpperCase())}.`;
      sentences.push(s);
      inPara += s.split(/\s+/).length;
    }
    paragraphs.push(sentences.join(' '));
    count += inPara;
  }
  return paragraphs.join('\n\n');
}
