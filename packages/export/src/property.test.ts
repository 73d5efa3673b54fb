import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { defaultGeneralisation, findOccurrences, GENERALISATION_LABEL } from '@desk/redaction';
import type { Category } from '@desk/protocol';
import { extract, leakGate, renderExport, secretsOf, EXPORT_FORMATS, REPLACEMENT_MODES, type ExportDocument, type ExportFormat } from './index.ts';

/* Names come with spelling variants, so a random text often redacts one spelling and leaves another. */
const NAMES = ['Samir', 'Sameer', 'Samīr', 'Maher', 'Mahir', 'Youssef', 'Yusuf', 'Élodie', 'Elodie', 'Abu Raed', 'Abou Raed', 'Kafr Nadeem', 'Gaziantep', 'سمير', 'حلب', 'ماهر'];
const FILLER = ['the', 'witness', 'went', 'to', 'a', 'house', 'and', 'hid', 'at', 'night', 'café', 'road', 'في', 'بيت', 'قال', 'إنه', '🕊️', 'ça', '2012'];
const SEPS = [' ', ' ', ' ', ', ', '.\n', ' — ', ' (', ') '];
const CATS: Category[] = ['person', 'place', 'hiding', 'quasi', 'other'];

type Token = { text: string; name: boolean };

const tokenArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NAMES).map((text): Token => ({ text, name: true })) },
  { weight: 3, arbitrary: fc.constantFrom(...FILLER).map((text): Token => ({ text, name: false })) },
);

const docArb = fc
  .record({
    tokens: fc.array(fc.tuple(tokenArb, fc.constantFrom(...SEPS), fc.boolean(), fc.constantFrom(...CATS)), { minLength: 3, maxLength: 40 }),
    closeOver: fc.boolean(),
    grouped: fc.boolean(),
  })
  .map(({ tokens, closeOver, grouped }): ExportDocument => {
    let body = '';
    const marks: { start: number; end: number; category: Category }[] = [];
    for (const [tok, sep, redact, category] of tokens) {
      if (tok.name && redact) marks.push({ start: body.length, end: body.length + tok.text.length, category });
      body += tok.text + sep;
    }
    // Half the documents redact every variant of every redacted name (the gate must then let them
    // through); the other half leave some spellings visible (the gate must then stop them).
    if (closeOver) {
      for (let grew = true; grew; ) {
        grew = false;
        for (const m of [...marks]) {
          for (const o of findOccurrences(body, body.slice(m.start, m.end))) {
            if (!marks.some((x) => x.start < o.end && o.start < x.end)) {
              marks.push({ start: o.start, end: o.end, category: m.category });
              grew = true;
            }
          }
        }
      }
    }
    const groupId = '00000000-0000-4000-8000-000000000001';
    return {
      docId: 'T-prop',
      language: 'en',
      body,
      version: 1,
      status: 'approved',
      draft: false,
      generatedAt: '2025-01-01T00:00:00.000Z',
      groups: grouped && marks.length ? [{ id: groupId, category: 'person', ordinal: 1, label: body.slice(marks[0]!.start, marks[0]!.end) }] : [],
      redactions: marks.map((m, i) => ({
        id: `00000000-0000-4000-8000-${String(i + 10).padStart(12, '0')}`,
        ...m,
        state: 'accepted',
        entityGroupId: grouped && i % 2 === 0 ? groupId : null,
        reason: null,
        decidedBy: 'Reviewer',
      })),
    };
  });

/**
 * The oracle is deliberately simpler than the gate: plain case-insensitive substring search for
 * every secret, plus the engine's variant finder, over everything extracted from the file.
 */
async function leaked(format: ExportFormat, bytes: Uint8Array, layoutText: string | undefined, secrets: string[]): Promise<string[]> {
  const { text, metadata } = await extract(format, bytes);
  const all = `${text}\n${metadata}\n${layoutText ?? ''}`;
  const lower = all.toLocaleLowerCase();
  return secrets.filter((s) => lower.includes(s.toLocaleLowerCase()) || findOccurrences(all, s).length > 0);
}

function property(format: ExportFormat, numRuns: number) {
  return fc.assert(
    fc.asyncProperty(docArb, fc.constantFrom(...REPLACEMENT_MODES), async (doc, mode) => {
      const secrets = secretsOf(doc);
      const art = await renderExport(doc, format, mode);
      const gate = await leakGate(art, secrets);
      if (!gate.ok) return; // blocked: nothing leaves the desk
      expect(await leaked(format, art.bytes, art.layoutText, secrets.map((s) => s.text))).toEqual([]);
    }),
    { numRuns },
  );
}

describe('no export ever contains a redacted string or a variant of it', () => {
  for (const format of EXPORT_FORMATS) {
    const runs = format === 'pdf' ? 25 : format === 'docx' ? 40 : 150;
    it(`${format}: whatever passes the gate holds no secret`, () => property(format, runs));
  }

  it('the gate is not vacuous: fully redacted documents pass, partly redacted ones with a visible spelling are stopped', async () => {
    let passed = 0;
    let blocked = 0;
    await fc.assert(
      fc.asyncProperty(docArb, async (doc) => {
        const secrets = secretsOf(doc);
        const art = await renderExport(doc, 'txt', 'label');
        const gate = await leakGate(art, secrets);
        const visible = await leaked('txt', art.bytes, undefined, secrets.map((s) => s.text));
        // The gate blocks exactly when the independent oracle sees a secret.
        expect(gate.ok).toBe(visible.length === 0);
        if (gate.ok) passed++;
        else blocked++;
      }),
      { numRuns: 300 },
    );
    expect(passed).toBeGreaterThan(20);
    expect(blocked).toBeGreaterThan(20);
  });
});

/* Generalise mode: quasi-identifiers replaced by coarser values, never by the original. */
const QUASI: { text: string; subtype: string; generalisation?: string }[] = [
  { text: '28', subtype: 'age' },
  { text: '47', subtype: 'age' },
  { text: '14 June 2018', subtype: 'date' },
  { text: 'March 2016', subtype: 'date' },
  { text: 'professional engineer', subtype: 'profession' },
  { text: 'held for three years', subtype: 'duration' },
  { text: 'pharmacist', subtype: 'profession', generalisation: 'a health worker' },
  { text: 'the Example clan', subtype: 'tribe', generalisation: 'a large tribe' },
  { text: '٢٩ عاماً', subtype: 'age' },
];

const quasiDocArb = fc
  .array(fc.tuple(fc.constantFrom(...QUASI), fc.constantFrom(...FILLER), fc.constantFrom(...SEPS), fc.boolean()), { minLength: 1, maxLength: 20 })
  .map((parts): ExportDocument => {
    let body = 'The witness said ';
    const redactions: ExportDocument['redactions'] = [];
    parts.forEach(([q, filler, sep, custom], i) => {
      redactions.push({
        id: `00000000-0000-4000-8000-${String(i + 10).padStart(12, '0')}`,
        start: body.length,
        end: body.length + q.text.length,
        category: 'quasi',
        subtype: q.subtype,
        generalisation: custom ? (q.generalisation ?? null) : null,
        state: 'accepted',
        entityGroupId: null,
        reason: null,
        decidedBy: 'Reviewer',
      });
      body += `${q.text} ${filler}${sep}`;
    });
    return { docId: 'T-prop', language: 'en', body, version: 1, status: 'approved', draft: false, generatedAt: '2025-01-01T00:00:00.000Z', groups: [], redactions };
  });

const flat = (s: string) => s.replace(/\s+/g, ' ').toLocaleLowerCase();
/** As a word, as the gate matches ("28" must not hit "2018"). */
const asWord = (hay: string, needle: string) => {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    if (!/[\p{L}\p{N}]/u.test(hay[i - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(hay[i + needle.length] ?? ' ')) return true;
  }
  return false;
};

describe('generalise mode', () => {
  // DOCX core properties carry the render time; frozen at midnight so its digits never spell an age.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:00.000Z'));
  });
  afterAll(() => vi.useRealTimers());
  for (const format of EXPORT_FORMATS) {
    const runs = format === 'pdf' ? 15 : format === 'docx' ? 25 : 80;
    it(`${format}: every quasi-identifier shows its generalised value and no original`, () =>
      fc.assert(
        fc.asyncProperty(quasiDocArb, async (doc) => {
          const art = await renderExport(doc, format, 'generalise');
          const { text, metadata } = await extract(format, art.bytes);
          const seen = flat(`${text}\n${metadata}\n${art.layoutText ?? ''}`);
          for (const r of doc.redactions) {
            const original = doc.body.slice(r.start, r.end);
            const want = r.generalisation ?? defaultGeneralisation(r.subtype ?? null, original, doc.language);
            expect(want).not.toBe(GENERALISATION_LABEL.other);
            expect(seen).toContain(flat(want));
            expect(asWord(seen, flat(original))).toBe(false);
          }
          expect((await leakGate(art, secretsOf(doc))).ok).toBe(true);
        }),
        { numRuns: runs },
      ));
  }
});
