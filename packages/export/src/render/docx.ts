import { AlignmentType, Document, Packer, Paragraph, ShadingType, TextRun } from 'docx';
import type { Composed, Piece } from '../compose.ts';
import { AUTHOR, DRAFT_BANNER, type ExportDocument } from '../types.ts';
import { isRtlParagraph } from './direction.ts';

/** Splits the composed pieces into paragraphs (one per line of the text), keeping mask boundaries. */
export function piecesByLine(pieces: readonly Piece[]): Piece[][] {
  const lines: Piece[][] = [[]];
  for (const p of pieces) {
    const parts = p.text.split('\n');
    parts.forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text) lines[lines.length - 1]?.push({ ...p, text });
    });
  }
  return lines;
}

function run(p: Piece, rtl: boolean): TextRun {
  if (p.kind === 'text') return new TextRun({ text: p.text, rightToLeft: rtl });
  return new TextRun({
    text: p.text,
    bold: true,
    rightToLeft: rtl,
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DDDDDD' },
  });
}

/** Core properties hold only the neutral id and the desk's name; docx defaults would say "Un-named". */
export async function renderDocx(doc: ExportDocument, c: Composed): Promise<Uint8Array> {
  const paragraphs: Paragraph[] = [];
  if (doc.draft) paragraphs.push(new Paragraph({ children: [new TextRun({ text: DRAFT_BANNER, bold: true, color: 'C00000', size: 32 })] }));
  paragraphs.push(new Paragraph({ children: [new TextRun({ text: `Testimony ${doc.docId} · version ${doc.version} · ${doc.status}`, italics: true })] }));
  for (const line of piecesByLine(c.pieces)) {
    const rtl = isRtlParagraph(line.map((p) => p.text).join(''));
    paragraphs.push(
      new Paragraph({
        bidirectional: rtl,
        alignment: rtl ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: line.map((p) => run(p, rtl)),
      }),
    );
  }
  const document = new Document({
    title: doc.docId,
    creator: AUTHOR,
    lastModifiedBy: AUTHOR,
    description: '',
    subject: '',
    keywords: '',
    sections: [{ children: paragraphs }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
