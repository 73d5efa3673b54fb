/**
 * The CPU-heavy jobs, run inside worker threads (see pool.ts) so one big testimony never
 * stalls the event loop that serves every room. Imports only the pure packages: no database,
 * no logger, nothing that holds a secret. Each export is one job name.
 */
import { EXPORT_FORMATS, gateArtefact, gateExports, renderExport, type ExportDocument, type ExportFormat, type GateFinding, type ReplacementMode } from '@desk/export';
import { findOccurrences, review } from '@desk/redaction';

const WARM_DOC: ExportDocument = {
  docId: 'T-warmup00',
  language: 'en',
  body: 'Warm-up line.',
  version: 1,
  status: 'approved',
  draft: false,
  generatedAt: new Date(0).toISOString(),
  redactions: [],
  groups: [],
};

/**
 * The pool's warm-up: renders and gates a one-line document in every format, so the fonts,
 * pdf.js and the engine are loaded before a real job arrives (each thread loads its own).
 */
export async function ping(): Promise<true> {
  await gateFormats({ doc: WARM_DOC, formats: EXPORT_FORMATS });
  review('Warm-up line.', { allow: [] });
  return true;
}

/** Detection on create/import: the engine's suggestions and the name ledger's candidates. */
export function detect(input: { body: string; allow: string[] }): ReturnType<typeof review> {
  return review(input.body, { allow: input.allow });
}

/** One export: rendered, then the leak gate run on the file itself. */
export async function exportAndGate(input: { doc: ExportDocument; format: ExportFormat; mode: ReplacementMode }) {
  const art = await renderExport(input.doc, input.format, input.mode);
  return { art, findings: await gateArtefact(input.doc, art) };
}

/** The approval gate: every format rendered and scanned. */
export function gateFormats(input: { doc: ExportDocument; formats: readonly ExportFormat[] }): Promise<GateFinding[]> {
  return gateExports(input.doc, input.formats);
}

/** "Redact all": every occurrence of a needle and its spelling variants. */
export function occurrences(input: { body: string; needle: string }): ReturnType<typeof findOccurrences> {
  return findOccurrences(input.body, input.needle);
}
