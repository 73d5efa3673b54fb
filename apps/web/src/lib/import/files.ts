/**
 * File acceptance rules for imports, kept pure so they can be unit-tested without a browser.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type FileKind = 'text' | 'markdown' | 'docx' | 'pdf';

const BY_EXTENSION: Record<string, FileKind> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  docx: 'docx',
  pdf: 'pdf',
};

export type FileCheck = { ok: true; kind: FileKind } | { ok: false; message: string };

export function checkFile(name: string, size: number): FileCheck {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const kind = BY_EXTENSION[ext];
  if (!kind) {
    return { ok: false, message: `“${name}” is not a supported file. Use .txt, .md, .docx or .pdf (or paste the text).` };
  }
  if (size === 0) return { ok: false, message: `“${name}” is empty.` };
  if (size > MAX_IMPORT_BYTES) {
    return { ok: false, message: `“${name}” is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB.` };
  }
  return { ok: true, kind };
}

/**
 * A "text" file with NUL bytes or many control characters is a binary in disguise (renamed
 * image, archive, old .doc); decoding it would import garbage that nobody could review.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / sample.length > 0.02;
}

/** Decode UTF-8 strictly (stripping a BOM); null if the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function toHex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Title suggestion from a file name: "witness_03-final.docx" → "witness 03 final". */
export function titleFromFileName(name: string): string {
  return name
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
