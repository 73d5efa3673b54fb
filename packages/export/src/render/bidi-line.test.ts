import { describe, expect, it } from 'vitest';
import * as fontkit from 'fontkit';
import { fontBuffers, type FontName } from './fonts.ts';
import { visualRuns, type HasGlyph } from './bidi-line.ts';

const fonts = fontBuffers();
const parsed = new Map((['latin', 'arabic', 'mono', 'emoji'] as const).map((n) => [n, fontkit.create(fonts[n]) as fontkit.Font]));
const has: HasGlyph = (f: FontName, cp) => parsed.get(f as 'latin')?.hasGlyphForCodePoint(cp) ?? false;

/** What ends up on the page, left to right, once fontkit has flipped each right-to-left run. */
function onPage(line: string, rtl: boolean): string {
  return visualRuns(line, rtl, has)
    .map((r) => (/[\u0600-\u06FF]/.test(r.text) ? Array.from(r.text).reverse().join('') : r.text))
    .join('');
}

describe('PDF line layout (UAX #9 via bidi-js)', () => {
  it('keeps a left-to-right line as it is, with an Arabic name flipped in place', () => {
    expect(onPage('He met سمير today', false)).toBe('He met ريمس today');
  });

  it('orders a right-to-left line right to left, with numbers and Latin placeholders left to right inside it', () => {
    expect(onPage('قال [PERSON 1] عام 2012', true)).toBe('2012 ماع [PERSON 1] لاق');
  });

  it('mirrors brackets in right-to-left text and gives each script its font', () => {
    const runs = visualRuns('صديقه (في █████) عام', true, has);
    expect(runs.map((r) => r.font)).toEqual(['arabic', 'mono', 'arabic']);
    expect(onPage('صديقه (في █████) عام', true)).toBe('ماع (█████ يف) هقيدص');
  });

  it('never splits an emoji into half surrogates, and draws it with the emoji font', () => {
    const runs = visualRuns('قال 🕊️ سمير', true, has);
    for (const r of runs) expect(r.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(runs.find((r) => r.font === 'emoji')?.text).toBe('🕊️');
  });
});
