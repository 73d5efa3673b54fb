import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import type { DetectedSpan } from './types.ts';

/* Phrasings that differ from the fixtures: the rules must carry over, not the examples. */
const run = (text: string): Array<DetectedSpan & { text: string }> => detect(text).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
const texts = (text: string, cat?: DetectedSpan['category']): string[] => run(text).filter((s) => !cat || s.category === cat).map((s) => s.text);
const covered = (text: string, needle: string): boolean => {
  const spans = detect(text);
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) return true;
    for (let i = at; i < at + needle.length; i++) if (/[\p{L}\p{N}]/u.test(text[i] ?? '') && !spans.some((s) => s.start <= i && i < s.end)) return false;
    from = at + needle.length;
  }
};
const touched = (text: string, needle: string): boolean => {
  const at = text.indexOf(needle);
  return detect(text).some((s) => s.start < at + needle.length && s.end > at);
};

describe('Arabic-script prose', () => {
  const text =
    'تقول أم خالد إنها هربت من بلدة تل الكرامة مع ابنتها سلمى بعد أن قصف النظام البيت. ' +
    'قالت: "زوجي حسان اعتقلته المخابرات". وأضافت أن ابن عمها رامي ساعدها على الوصول إلى مخيم الأمل، ' +
    'حيث خبأتنا عائلة صديقة في خيمة لمدة شهرين. دفعنا للمهرب 500 دولار. ويقول إن داعش وبشار الأسد وتركيا لا يهتمون.';
  it('finds kunyas, names after kinship words, places after بلدة / مخيم, with exact offsets', () => {
    const found = run(text);
    for (const s of found) expect(text.slice(s.start, s.end)).toBe(s.text);
    const persons = found.filter((s) => s.category === 'person').map((s) => s.text);
    expect(persons).toEqual(expect.arrayContaining(['أم خالد', 'سلمى', 'حسان', 'رامي']));
    const places = found.filter((s) => s.category === 'place').map((s) => s.text);
    expect(places).toEqual(expect.arrayContaining(['تل الكرامة', 'الأمل']));
    expect(found.some((s) => s.category === 'hiding' && s.text.includes('خيمة'))).toBe(true);
    expect(found.some((s) => s.category === 'quasi' && s.text.includes('500 دولار'))).toBe(true);
  });
  it('never suggests public entities written in Arabic', () => {
    for (const pub of ['داعش', 'بشار الأسد', 'تركيا', 'النظام', 'المخابرات']) expect(touched(text, pub)).toBe(false);
  });
  it('links every mention, also behind a proclitic', () => {
    const t = 'قال أخي ياسر إنه خائف. وياسر لم يعد إلى القرية.';
    const keys = run(t).filter((s) => s.category === 'person').map((s) => s.entityKey);
    expect(keys.length).toBe(2);
    expect(new Set(keys).size).toBe(1);
  });
});

describe('French testimonies', () => {
  const text =
    'Par Marc Lefèvre, envoyé spécial\n\nOriginaire du village de Kharab Ashq, Leïla, 29 ans, a quitté la Syrie en mars 2018. ' +
    '« Ma sœur Hiba et moi, nous nous sommes cachées chez une voisine, dans la grange derrière sa maison », dit-elle. ' +
    'Des passeurs les ont ensuite conduites par les montagnes jusqu’à Antakya.';
  it('finds names after kinship words, villages after "village de", hiding phrases', () => {
    expect(covered(text, 'Hiba')).toBe(true);
    expect(covered(text, 'Kharab Ashq')).toBe(true);
    expect(covered(text, 'Leïla')).toBe(true);
    const hiding = texts(text, 'hiding');
    expect(hiding.some((h) => h.includes('chez une voisine'))).toBe(true);
    expect(hiding.some((h) => h.includes('grange'))).toBe(true);
    expect(hiding.some((h) => h.toLowerCase().includes('passeurs'))).toBe(true);
  });
  it('does not take French function words or bylines for names', () => {
    const persons = texts(text, 'person');
    for (const w of ['Ma', 'Des', 'Par', 'Marc Lefèvre', 'Syrie']) expect(persons).not.toContain(w);
    expect(touched(text, 'Syrie')).toBe(false);
  });
});

describe('English cues that must always fire', () => {
  it('kinship words before a name, even once and without a movement verb', () => {
    for (const [t, name] of [
      ['The photograph shows his cousin, Farid, at a wedding.', 'Farid'],
      ['Among the dead was her husband Khalil.', 'Khalil'],
      ['The officer questioned my brother-in-law Sabri twice.', 'Sabri'],
    ] as const) expect(covered(t, name)).toBe(true);
  });
  it('names that are also English words, when the text uses them as names', () => {
    const t = 'Hamza says the checkpoint was new. According to Hamza, the guards took his phone. Hamza now lives in a camp.';
    expect(covered(t, 'Hamza')).toBe(true);
  });
  it('place names with a Levantine head word', () => {
    const t = 'He crossed near Tell Abyad and hid in Kafr Dael for a week.';
    expect(covered(t, 'Tell Abyad')).toBe(true);
    expect(covered(t, 'Kafr Dael')).toBe(true);
  });
  it('groups Maher / Mahir but keeps Samir and Samer apart when both appear together', () => {
    const a = run('My brother Mahir was 17. Later Maher was taken away.').filter((s) => s.category === 'person');
    expect(new Set(a.map((s) => s.entityKey)).size).toBe(1);
    const b = run('My cousins Samir and Samer fled together.').filter((s) => s.category === 'person');
    expect(new Set(b.map((s) => s.entityKey)).size).toBe(2);
  });
  it('an acronym in the allow-list does not hide a capitalised word ("Un passeur" vs "UN")', () => {
    const t = 'Un passeur les a aidés. Le UN a publié un rapport.';
    expect(texts(t, 'hiding').some((h) => h.startsWith('Un passeur'))).toBe(true);
    expect(touched(t, 'UN ')).toBe(false);
  });
});

describe('hiding phrases in new wordings', () => {
  it.each([
    ['For a month she hid in the storeroom of her uncle’s shop.', 'storeroom'],
    ['They let us sleep in a barn behind the mosque for three nights.', 'barn'],
    ['We crossed at night, walking for hours across the wheat fields.', 'wheat fields'],
    ['I was smuggled out in the back of a pickup.', 'back of a pickup'],
    ['He climbed through the window and ran.', 'window'],
  ])('%s', (t, part) => {
    expect(texts(t, 'hiding').some((h) => h.includes(part))).toBe(true);
  });
});

describe('web boilerplate', () => {
  const text =
    'KILIS — My brother Nabil fled in 2016, says Omar, 33, who now lives in Kilis with his wife.\n\n' +
    'Omar says he will not go back.\n\n' +
    'Sign up for our newsletter\nSubscribe for $1 a week\n\n' +
    'Read more: Why Walid Jumblatt left politics\nMost read\n1. A 13-year-old chess prodigy from Aleppo\n\n' +
    'Comments (2)\nGeorge Miller: Brave Omar, thank you.\nSarah Kline: Stay safe.';
  it('suggests nothing new in teasers and comments, but still redacts the witness there', () => {
    const found = run(text);
    const tail = text.indexOf('Sign up');
    const late = found.filter((s) => s.start >= tail);
    expect(late.map((s) => s.text)).toEqual(['Omar']);
    expect(covered(text, 'Nabil')).toBe(true);
  });
});

describe('quasi-identifiers', () => {
  it('age with a job, jobs without "former"', () => {
    expect(texts('Rami, a 40-year-old shepherd, says he left.', 'quasi').some((q) => q.includes('shepherd'))).toBe(true);
    expect(texts('Today he works as a tailor in Gaziantep.', 'quasi').some((q) => q.includes('tailor'))).toBe(true);
  });
});

/* The project's own held-out testimonies (fixtures/), scored with ../shared/eval/score.mjs when it exists. */
const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
const scorer = fileURLToPath(new URL('../../../../shared/eval/score.mjs', import.meta.url));
describe.skipIf(!existsSync(scorer))('fixtures scored with the shared scorer', () => {
  // Inside the test, not the describe body: vitest runs describe bodies even when skipped.
  it('must recall ≥ 97%, hiding ≥ 80%, over-redaction ≤ 5%', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'redaction-fixtures-'));
    const totals = { must: [0, 0], hiding: [0, 0], over: [0, 0] };
    for (const f of readdirSync(fixturesDir).filter((x) => x.endsWith('.txt'))) {
      const txt = join(fixturesDir, f);
      const text = readFileSync(txt, 'utf8');
      const out = join(tmp, f + '.json');
      writeFileSync(out, JSON.stringify({ spans: detect(text).map((s) => ({ start: s.start, end: s.end, category: s.category, text: text.slice(s.start, s.end) })) }));
      const r = JSON.parse(spawnSync(process.execPath, [scorer, txt.replace(/\.txt$/, '.labels.json'), txt, out, '--json'], { encoding: 'utf8' }).stdout) as Record<string, number>;
      const add = (k: keyof typeof totals, rate: number, n: number): void => {
        totals[k][0] = (totals[k][0] ?? 0) + Math.round(rate * n);
        totals[k][1] = (totals[k][1] ?? 0) + n;
      };
      add('must', r.must_recall ?? 0, r.must_total ?? 0);
      add('hiding', r.hiding_recall ?? 0, r.hiding_total ?? 0);
      add('over', r.over_redaction ?? 0, r.must_not_total ?? 0);
    }
    rmSync(tmp, { recursive: true, force: true });
    const rate = ([ok, n]: number[]): number => (n ? (ok ?? 0) / n : 1);
    expect(rate(totals.must)).toBeGreaterThanOrEqual(0.97);
    expect(rate(totals.hiding)).toBeGreaterThanOrEqual(0.8);
    expect(rate(totals.over)).toBeLessThanOrEqual(0.05);
  }, 60_000);
});
