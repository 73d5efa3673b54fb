import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import type { Composed } from '../compose.ts';
import { AUTHOR, DRAFT_BANNER, type ExportDocument } from '../types.ts';
import { fontBuffers, type FontName } from './fonts.ts';
import { fontSegments, visualRuns, type HasGlyph } from './bidi-line.ts';
import { isRtlParagraph } from './direction.ts';

const SIZE = 11;
const LEADING = 17;
const MARGIN = 56;

type Doc = InstanceType<typeof PDFDocument>;

function glyphChecker(): HasGlyph {
  const fonts = fontBuffers();
  const parsed = new Map<FontName, { hasGlyphForCodePoint(cp: number): boolean }>();
  for (const name of ['latin', 'arabic', 'mono', 'emoji'] as const) {
    const f = fontkit.create(fonts[name]);
    if ('hasGlyphForCodePoint' in f) parsed.set(name, f);
  }
  return (font, cp) => parsed.get(font)?.hasGlyphForCodePoint(cp) ?? false;
}

/*
 * Passing `features` makes pdfkit shape each run as a whole. Without it pdfkit lays out word by
 * word (a cache optimisation) and concatenates the words left to right, which puts the words of a
 * right-to-left run in the wrong order.
 */
const SHAPE_WHOLE_RUN = { features: [] as PDFKit.Mixins.OpenTypeFeatures[] };
/** Runs in different fonts share one baseline (pdfkit's default aligns their tops). */
const BASELINE = SIZE * 0.95;

const measure = (doc: Doc, font: FontName, text: string) => doc.font(font).fontSize(SIZE).widthOfString(text, SHAPE_WHOLE_RUN);

function width(doc: Doc, text: string, rtl: boolean, has: HasGlyph): number {
  let w = 0;
  for (const seg of fontSegments(text, rtl, has)) w += measure(doc, seg.font, seg.text);
  return w;
}

/**
 * Greedy word wrap on logical text; bidi reordering happens per finished line, as UAX #9 requires.
 * Word widths are measured once per render and summed: shaping never crosses a space, and pdfkit
 * does not cache layouts when features are passed, so re-measuring whole lines was quadratic.
 */
function wrap(para: string, max: number, widthOf: (s: string) => number): string[] {
  const tokens = para.match(/\S+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let cur = '';
  let curWidth = 0;
  for (const tok of tokens) {
    const word = tok.trimEnd();
    const wordWidth = widthOf(word);
    const tokWidth = wordWidth + widthOf(tok.slice(word.length));
    if (curWidth + wordWidth <= max) {
      cur += tok;
      curWidth += tokWidth;
      continue;
    }
    if (cur) lines.push(cur.trimEnd());
    // A token wider than the line is cut by code points.
    let piece = '';
    for (const ch of tok) {
      if (widthOf(piece + ch) > max && piece) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    cur = piece;
    curWidth = widthOf(piece);
  }
  lines.push(cur.trimEnd());
  return lines;
}

function decoratePage(doc: Doc, exp: ExportDocument): void {
  doc.save();
  doc.font('latin').fontSize(8).fillColor('#666666').text(`Testimony ${exp.docId} · version ${exp.version} · ${exp.status}`, MARGIN, 24, { lineBreak: false });
  if (exp.draft) {
    doc.font('latinBold').fontSize(10).fillColor('#C00000').text(DRAFT_BANNER, MARGIN, 36, { lineBreak: false });
    doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc.font('latinBold').fontSize(110).fillColor('#C00000').fillOpacity(0.08).text('DRAFT', doc.page.width / 2 - 200, doc.page.height / 2 - 60, { lineBreak: false });
  }
  doc.restore();
  doc.fillColor('black').fillOpacity(1);
}

/**
 * PDF with embedded, subsetted Noto fonts. Metadata is fixed: neutral id as title, the desk as
 * author, creator and producer (pdfkit would otherwise write its own name, harmless, but we
 * want one reviewed set of fields).
 */
export async function renderPdf(exp: ExportDocument, c: Composed): Promise<{ bytes: Uint8Array; layoutText: string }> {
  const has = glyphChecker();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: exp.language,
    info: { Title: exp.docId, Author: AUTHOR, Creator: AUTHOR, Producer: AUTHOR, Subject: '', Keywords: '' },
    autoFirstPage: false,
  });
  const fonts = fontBuffers();
  for (const name of Object.keys(fonts) as FontName[]) doc.registerFont(name, fonts[name]);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((res, rej) => {
    doc.on('end', () => res());
    doc.on('error', rej);
  });

  doc.addPage();
  decoratePage(doc, exp);
  const left = MARGIN;
  const right = doc.page.width - MARGIN;
  const bottom = doc.page.height - MARGIN;
  let y = MARGIN + 8;
  const drawn: string[] = [];
  const widths = new Map<string, number>();
  for (const para of c.text.split('\n')) {
    const rtl = isRtlParagraph(para);
    const widthOf = (t: string): number => {
      const key = `${rtl ? 'r' : 'l'}${t}`;
      let w = widths.get(key);
      if (w === undefined) widths.set(key, (w = width(doc, t, rtl, has)));
      return w;
    };
    for (const line of wrap(para, right - left, widthOf)) {
      if (y + LEADING > bottom) {
        doc.addPage();
        decoratePage(doc, exp);
        y = MARGIN + 8;
      }
      drawn.push(line);
      const runs = visualRuns(line, rtl, has);
      const runWidths = runs.map((r) => measure(doc, r.font, r.text));
      let x = rtl ? right - runWidths.reduce((a, b) => a + b, 0) : left;
      runs.forEach((r, i) => {
        // textWidth/wordCount: the width is known, so pdfkit need not shape the run a third time.
        doc.font(r.font).fontSize(SIZE).fillColor('black').text(r.text, x, y + BASELINE, {
          lineBreak: false,
          baseline: 'alphabetic',
          textWidth: runWidths[i],
          wordCount: 1,
          ...SHAPE_WHOLE_RUN,
        } as PDFKit.Mixins.TextOptions);
        x += runWidths[i] ?? 0;
      });
      y += LEADING;
    }
  }
  doc.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(chunks)), layoutText: drawn.join('\n') };
}
