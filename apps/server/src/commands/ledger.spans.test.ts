import { describe, expect, it } from 'vitest';
import { redactionSpans } from './ledger.commands.ts';

describe('ledger Redact spans', () => {
  it('adds the variants the matcher finds beyond the mentions (hyphenated compound, article form), without overlaps', () => {
    const body = 'We crossed the Velkmoor-Tessa road at night 🕊️; al-Velkmoor was quiet, and Velkmoor slept.';
    const at = (s: string, from = 0) => body.indexOf(s, from);
    const last = at('Velkmoor slept');
    const spans = redactionSpans(body, { mentions: [{ start: last, end: last + 8 }], spellings: ['Velkmoor'] });
    const texts = spans.map((s) => body.slice(s.start, s.end));
    expect(texts[0]).toBe('Velkmoor');
    expect(spans[0]?.start).toBe(at('Velkmoor'));
    expect(texts.at(-1)).toBe('Velkmoor');
    expect(spans.some((s) => body.slice(s.start, s.end).endsWith('Velkmoor') && s.start >= at('al-Velkmoor') && s.start < last)).toBe(true);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
  });
});
