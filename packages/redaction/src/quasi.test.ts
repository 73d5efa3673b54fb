import { describe, expect, it } from 'vitest';
import { detect } from './index.ts';
import type { QuasiSubtype } from './types.ts';

/*
 * Issue 16, acceptance 1: every quasi-identifier subtype is found in English, French and Arabic.
 * Synthetic sentences written for this test; `expected` must be covered by a quasi span of that subtype.
 */
type Case = [subtype: QuasiSubtype, sentence: string, expected: string];

const EN: Case[] = [
  ['age', 'He was 19 when he crossed with his brother.', '19'],
  ['profession', 'Before the war he worked as an interpreter for a charity.', 'worked as an interpreter'],
  ['studies', 'She graduated from the faculty of pharmacy before she fled.', 'graduated from the faculty of pharmacy'],
  ['languages', 'He speaks Kurdish, Turkish and some English, he told us.', 'speaks Kurdish, Turkish and some English'],
  ['origin', 'She is originally from the countryside of Lorvesh, she says.', 'originally from the countryside of Lorvesh'],
  ['family', 'He has three daughters and a son in the camp.', 'has three daughters'],
  ['tribe', 'His father belongs to the Banu Qarwan tribe, he said.', 'belongs to the Banu Qarwan tribe'],
  ['appearance', 'He walks with a limp since his release.', 'walks with a limp'],
  ['date', 'I was arrested on 14 March 2016 at the checkpoint.', '14 March 2016'],
  ['duration', 'She spent eleven months in the women’s wing.', 'spent eleven months'],
  ['sum', 'My father paid two thousand dollars to a driver.', 'two thousand dollars'],
  ['unit', 'He served in the border battalion for a while.', 'served in the border battalion'],
  ['group', 'She was one of three women in the unit.', 'one of three women in the unit'],
];

const FR: Case[] = [
  ['age', 'Nadia, 27 ans, vit seule depuis la guerre.', '27 ans'],
  ['profession', 'Avant la guerre, il était infirmier dans un dispensaire.', 'était infirmier'],
  ['studies', 'Elle faisait des études de droit quand elle a fui.', 'études de droit'],
  ['languages', 'Il parle couramment le kurde et l’arabe, dit-il.', 'parle couramment le kurde et l’arabe'],
  ['origin', 'Il est originaire de la région de Varsel, au nord.', 'originaire de la région de Varsel'],
  ['family', 'Elle est veuve et mère de quatre enfants.', 'mère de quatre enfants'],
  ['tribe', 'Sa famille appartient à la tribu des Oulad Berkane.', 'tribu des Oulad'],
  ['appearance', 'Il a une cicatrice sur la joue depuis la prison.', 'une cicatrice sur la joue'],
  ['date', 'Nous sommes partis le 3 mars, avant l’aube.', 'le 3 mars'],
  ['duration', 'Il a été détenu pendant sept mois sans procès.', 'pendant sept mois'],
  ['sum', 'Nous avons payé 800 dollars au passeur.', '800 dollars'],
  ['unit', 'Il a servi dans une petite unité près de la frontière.', 'servi dans une petite unité'],
  ['group', 'Elle était la seule femme médecin du camp.', 'la seule femme'],
];

const AR: Case[] = [
  ['age', 'كان عمري ١٧ عاماً عندما غادرت.', 'عمري ١٧ عاماً'],
  ['profession', 'قبل الحرب كنت مدرساً في المدرسة.', 'كنت مدرساً'],
  ['studies', 'درست الهندسة في جامعة المدينة.', 'درست الهندسة'],
  ['languages', 'أتحدث الكردية والعربية بطلاقة.', 'أتحدث الكردية والعربية'],
  ['origin', 'أنا أصلي من ريف بلدة صغيرة في الشمال.', 'أصلي من ريف بلدة'],
  ['family', 'أنا متزوج ولدي ثلاثة أطفال.', 'متزوج ولدي ثلاثة أطفال'],
  ['tribe', 'عائلتي من عشيرة البوكامل المعروفة.', 'عشيرة البوكامل'],
  ['appearance', 'لديه ندبة على وجهه منذ السجن.', 'ندبة على وجهه'],
  ['date', 'اعتقلوني في ١٤ آذار ٢٠١٦ عند الحاجز.', '١٤ آذار ٢٠١٦'],
  ['duration', 'قضيت في السجن ثمانية أشهر.', 'قضيت في السجن ثمانية أشهر'],
  ['sum', 'دفعنا ألف دولار للمهرب.', 'ألف دولار'],
  ['unit', 'خدمت في الفرقة الرابعة سنتين.', 'خدمت في الفرقة الرابعة'],
  ['group', 'كنت واحدة من ثلاث نساء في الوحدة.', 'واحدة من ثلاث نساء'],
];

function coveredBy(text: string, subtype: QuasiSubtype, expected: string): boolean {
  const at = text.indexOf(expected);
  expect(at).toBeGreaterThanOrEqual(0);
  const spans = detect(text).filter((s) => s.category === 'quasi' && s.subtype === subtype);
  // At least half of the expected phrase is covered by spans of the subtype (the scorer's rule).
  let covered = 0;
  for (let i = at; i < at + expected.length; i++) if (spans.some((s) => s.start <= i && s.end > i)) covered++;
  return covered / expected.length >= 0.5;
}

for (const [language, cases] of [['English', EN], ['French', FR], ['Arabic', AR]] as const) {
  describe(`quasi-identifiers in ${language}`, () => {
    it.each(cases)('%s: %s', (subtype, sentence, expected) => {
      expect(coveredBy(sentence, subtype, expected)).toBe(true);
    });
  });
}

describe('quasi-identifiers stay off ordinary text', () => {
  it('a clock time is no age, a public language mention is no quasi', () => {
    const text = 'The meeting was at 9 in the morning. Arabic is the official language of the country.';
    expect(detect(text).filter((s) => s.category === 'quasi')).toEqual([]);
  });
});
