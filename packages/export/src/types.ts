import type { Category, ExportFormat, RedactionState, ReplacementMode, TestimonyStatus } from '@desk/protocol';

export { EXPORT_FORMATS, REPLACEMENT_MODES, type ExportFormat, type ReplacementMode } from '@desk/protocol';

/** One redaction as the renderer needs it: offsets into the frozen body, and who decided it. */
export interface ExportRedaction {
  id: string;
  start: number;
  end: number;
  category: Category;
  state: RedactionState;
  entityGroupId: string | null;
  reason: string | null;
  /** Quasi-identifiers: their kind (QUASI_SUBTYPES), which picks the default generalisation. */
  subtype?: string | null;
  /** Quasi-identifiers: reviewer-written coarser value shown in the generalise mode; absent = the subtype's default. */
  generalisation?: string | null;
  /** Display name of the person who decided: for the desk only, never rendered into an export. */
  decidedBy: string | null;
}

export interface ExportGroup {
  id: string;
  category: Category;
  /** 1-based number within the category: [PERSON 1]. */
  ordinal: number;
  /** Longest surface form the engine saw; a secret for the leak gate, never rendered. */
  label: string;
}

/** Everything a renderer may use. The title is left out on purpose: titles often name people. */
export interface ExportDocument {
  /** Neutral identifier printed in the file and its metadata (never a name). */
  docId: string;
  language: string;
  body: string;
  version: number;
  status: TestimonyStatus;
  /** Unapproved export (admin only): every format marks it visibly. */
  draft: boolean;
  generatedAt: string;
  redactions: ExportRedaction[];
  groups: ExportGroup[];
}

export interface RenderedArtefact {
  format: ExportFormat;
  mode: ReplacementMode;
  bytes: Uint8Array;
  mime: string;
  filename: string;
  /**
   * PDF only: the lines as laid out, in logical order. pdf.js cannot read shaped Arabic back
   * faithfully (Noto Sans Arabic draws dotted letters as a shared skeleton plus dot marks, and a
   * ToUnicode map gives one text per glyph), so the gate scans these lines as well.
   */
  layoutText?: string;
}

export const MIME: Record<ExportFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Fixed metadata for DOCX and PDF: the desk, never a person. */
export const AUTHOR = 'Testimony Desk';
export const DRAFT_BANNER = 'DRAFT — NOT APPROVED FOR PUBLICATION';
