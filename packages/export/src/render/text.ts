import type { Composed } from '../compose.ts';
import { DRAFT_BANNER, type ExportDocument, type ReplacementMode } from '../types.ts';

const enc = new TextEncoder();

function header(doc: ExportDocument): string {
  return `Testimony ${doc.docId} · version ${doc.version} · ${doc.status} · ${doc.generatedAt}`;
}

export function renderTxt(doc: ExportDocument, c: Composed): Uint8Array {
  const lines = [...(doc.draft ? [DRAFT_BANNER] : []), header(doc), '', c.text, ''];
  return enc.encode(lines.join('\n'));
}

/** Escapes Markdown syntax in testimony text so a quote never turns into a heading or a link. */
function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|!]/g, (ch) => `\\${ch}`).replace(/^(\s*)([-+]|\d+\.)(\s)/gm, '$1\\$2$3');
}

export function renderMd(doc: ExportDocument, c: Composed): Uint8Array {
  const body = c.pieces.map((p) => (p.kind === 'mask' ? `\`${p.text}\`` : mdEscape(p.text))).join('');
  const parts = [
    `# Testimony ${doc.docId}`,
    '',
    ...(doc.draft ? [`> **${DRAFT_BANNER}**`, ''] : []),
    `_Version ${doc.version} · ${doc.status} · ${doc.generatedAt}_`,
    '',
    body,
    '',
  ];
  return enc.encode(parts.join('\n'));
}

/**
 * Machine-readable export: the redacted text and a log of the placeholders (number, placeholder,
 * category, in order of appearance). Never the original strings, offsets into the original, reasons
 * or who decided: none of that may leave the desk.
 */
export function renderJson(doc: ExportDocument, c: Composed, mode: ReplacementMode): Uint8Array {
  const out = {
    format: 'testimony-desk/export@1',
    id: doc.docId,
    version: doc.version,
    status: doc.status,
    draft: doc.draft,
    ...(doc.draft ? { notice: DRAFT_BANNER } : {}),
    language: doc.language,
    mode,
    generatedAt: doc.generatedAt,
    text: c.text,
    redactions: c.log,
  };
  return enc.encode(JSON.stringify(out, null, 2) + '\n');
}
