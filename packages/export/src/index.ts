import { compose } from './compose.ts';
import { explainFindings, type GateFinding } from './findings.ts';
import { leakGate } from './gate.ts';
import { secretsOf } from './secrets.ts';
import { renderDocx } from './render/docx.ts';
import { renderPdf } from './render/pdf.ts';
import { renderJson, renderMd, renderTxt } from './render/text.ts';
import { EXPORT_FORMATS, MIME, type ExportDocument, type ExportFormat, type RenderedArtefact, type ReplacementMode } from './types.ts';

export * from './types.ts';
export { compose, BAR, CATEGORY_LABEL, type Composed, type LogEntry, type Piece } from './compose.ts';
export { secretsOf, type Secret } from './secrets.ts';
export { scanText, type LeakFinding } from './scan.ts';
export { extract, type Extracted } from './extract.ts';
export { leakGate, type GateResult } from './gate.ts';
export { explainFindings, testimonyLeaks, type GateFinding } from './findings.ts';

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

const labelRender = (doc: ExportDocument, format: ExportFormat): Promise<RenderedArtefact> => renderExport(doc, format, 'label');

/**
 * The gate an approval runs: every format rendered and read back, each hit traced to the place in
 * the testimony where it is visible. Empty: every export of this redaction set is clean.
 */
export async function gateExports(doc: ExportDocument, formats: readonly ExportFormat[] = EXPORT_FORMATS): Promise<GateFinding[]> {
  const secrets = secretsOf(doc);
  const found = [];
  for (const format of formats) found.push(...(await leakGate(await labelRender(doc, format), secrets)).findings);
  return explainFindings(doc, secrets, found, labelRender);
}

/** The gate one export runs on its own file, with findings traced like gateExports'. */
export async function gateArtefact(doc: ExportDocument, artefact: RenderedArtefact): Promise<GateFinding[]> {
  const secrets = secretsOf(doc);
  return explainFindings(doc, secrets, (await leakGate(artefact, secrets)).findings, labelRender);
}
