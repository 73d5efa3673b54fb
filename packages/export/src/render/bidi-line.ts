import { bidi } from './direction.ts';
import type { FontName } from './fonts.ts';

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

export type HasGlyph = (font: FontName, codePoint: number) => boolean;

/** A piece of one line, ready to hand to pdfkit in the order pdfkit expects. */
export interface VisualRun {
  text: string;
  font: FontName;
}

const EMOJI = /\p{Extended_Pictographic}|\u200D|\uFE0F|[\u{1F3FB}-\u{1F3FF}]/u;

function fontFor(ch: string, rtl: boolean, has: HasGlyph): FontName {
  const cp = ch.codePointAt(0) ?? 32;
  if (ARABIC.test(ch)) return 'arabic';
  // Emoji and their joiners/selectors stay in one run so the emoji font can form sequences.
  if (EMOJI.test(ch) && has('emoji', cp)) return 'emoji';
  // Neutrals inside right-to-left text stay in the Arabic font so the run is shaped as one.
  if (rtl && has('arabic', cp)) return 'arabic';
  if (has('latin', cp)) return 'latin';
  if (has('arabic', cp)) return 'arabic';
  if (has('mono', cp)) return 'mono';
  return 'latin';
}

const fixSurrogates = (s: string) => s.replace(/([\uDC00-\uDFFF])([\uD800-\uDBFF])/g, '$2$1');
const reverseCodePoints = (s: string) => Array.from(s).reverse().join('');

/**
 * Lays out one already-wrapped line for pdfkit. pdfkit draws strings left to right and does
 * no bidi of its own, but fontkit (its shaper) reverses the glyphs of a run whose script is
 * right-to-left. So: resolve embedding levels (UAX #9, bidi-js), mirror brackets in RTL
 * levels, cut the visually ordered line into runs of one level and one font, and give each
 * RTL run back in logical order when it holds RTL letters (fontkit flips it), otherwise in
 * visual order as it stands.
 */
export function visualRuns(line: string, paragraphRtl: boolean, has: HasGlyph): VisualRun[] {
  if (!line) return [];
  const levels = bidi.getEmbeddingLevels(line, paragraphRtl ? 'rtl' : 'ltr');
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  const order = bidi.getReorderedIndices(line, levels);
  const runs: { chars: string[]; level: number; font: FontName }[] = [];
  for (const i of order) {
    const level = levels.levels[i] ?? 0;
    const ch = mirrored.get(i) ?? line[i] ?? '';
    // A low surrogate is classified with its pair; use the whole code point to pick a font.
    const cpChar = /[\uD800-\uDFFF]/.test(ch) ? (line.slice(i - 1, i + 1).match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/)?.[0] ?? line.slice(i, i + 2)) : ch;
    const font = fontFor(cpChar, level % 2 === 1, has);
    const last = runs[runs.length - 1];
    if (last && last.level === level && last.font === font) last.chars.push(ch);
    else runs.push({ chars: [ch], level, font });
  }
  return runs.map((r) => {
    const visual = fixSurrogates(r.chars.join(''));
    const text = r.level % 2 === 1 && STRONG_RTL.test(visual) ? reverseCodePoints(visual) : visual;
    return { text, font: r.font };
  });
}

/** The fonts a logical string would be drawn with, for measuring widths while wrapping. */
export function fontSegments(text: string, rtl: boolean, has: HasGlyph): VisualRun[] {
  const out: VisualRun[] = [];
  for (const ch of text) {
    const font = fontFor(ch, rtl, has);
    const last = out[out.length - 1];
    if (last && last.font === font) last.text += ch;
    else out.push({ text: ch, font });
  }
  return out;
}
