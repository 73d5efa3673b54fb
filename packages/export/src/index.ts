import { compose } from './compose.ts';
import { renderDocx } from './render/docx.ts';
import { renderPdf } from './render/pdf.ts';
import { renderJson, renderMd, renderTxt } from './render/text.ts';
import { MIME, type ExportDocument, type ExportFormat, type RenderedArtefact, type ReplacementMode } from './types.ts';

export * from './types.ts';
export { compose, BAR, CATEGORY_LABEL, type Composed, type LogEntry, type Piece } from './compose.ts';
export { secretsOf, type Secret } from './secrets.ts';
export { scanText, type LeakFinding } from './scan.ts';
export { extract, type Extracted } from './extract.ts';
export { leakGate, type GateResult } from './gate.ts';

/** Renders one export. Pure apart from reading the bundled font files. */
export async function renderExport(doc: ExportDocument, format: ExportFormat, mode: ReplacementMode): Promise<RenderedArtefact> {
  const c = compose(doc, mode);
  const suffix = doc.draft ? '-DRAFT' : '';
  const filename = `testimony-${doc.docId}-v${doc.version}${suffix}.${format}`;
  if (format === 'pdf') {
    const { bytes, layoutText } = await renderPdf(doc, c);
    return { format, mode, bytes, mime: MIME[format], filename, layoutText };
  }
  const bytes =
    format === 'txt'
      ? renderTxt(doc, c)
      : format === 'md'
        ? renderMd(doc, c)
        : format === 'json'
          ? renderJson(doc, c, mode)
          : await renderDocx(doc, c);
  return { format, mode, bytes, mime: MIME[format], filename };
}
