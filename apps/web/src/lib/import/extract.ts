import { stripUnstorable } from '@desk/protocol';
import { checkFile, decodeUtf8, looksBinary, toHex } from './files';

export interface Extracted {
  text: string;
  rawSha256: string;
  warnings: string[];
}

export class ImportError extends Error {}

export type Progress = (fraction: number, label: string) => void;

async function sha256(bytes: ArrayBuffer): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

async function extractDocx(buf: ArrayBuffer): Promise<{ text: string; warnings: string[] }> {
  // Loaded on demand: the converter is large and most imports are pasted text.
  const mod = await import('mammoth/mammoth.browser.js');
  const res = await mod.default.extractRawText({ arrayBuffer: buf.slice(0) });
  return { text: res.value, warnings: res.messages.filter((m) => m.type !== 'info').map((m) => m.message) };
}

async function extractPdf(buf: ArrayBuffer, progress: Progress): Promise<{ text: string; warnings: string[] }> {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // isEvalSupported: false keeps pdf.js within the page's CSP (no eval-compiled font code).
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buf.slice(0)), isEvalSupported: false }).promise;
  const pages: string[] = [];
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      pages.push(lines.join('\n'));
      progress(i / doc.numPages, `Reading page ${i} of ${doc.numPages}`);
    }
  } finally {
    void doc.destroy();
  }
  const text = pages.join('\n\n');
  const warnings = text.trim() ? [] : ['This PDF has no text layer (it may be a scan). Paste the text instead.'];
  return { text, warnings };
}

/** Read a file into text, enforcing the import rules. Throws ImportError with a message for the user. */
export async function extractFile(file: File, progress: Progress): Promise<Extracted> {
  const check = checkFile(file.name, file.size);
  if (!check.ok) throw new ImportError(check.message);
  progress(0, 'Reading file');
  const buf = await file.arrayBuffer();
  const rawSha256 = await sha256(buf);
  const bytes = new Uint8Array(buf);
  let text: string;
  let warnings: string[] = [];
  if (check.kind === 'text' || check.kind === 'markdown') {
    if (looksBinary(bytes)) throw new ImportError(`“${file.name}” looks like a binary file, not text.`);
    const decoded = decodeUtf8(bytes);
    if (decoded === null) throw new ImportError(`“${file.name}” is not UTF-8 text. Re-save it as UTF-8 and try again.`);
    text = decoded;
  } else if (check.kind === 'docx') {
    progress(0.3, 'Extracting text from Word document');
    try {
      ({ text, warnings } = await extractDocx(buf));
    } catch {
      throw new ImportError(`“${file.name}” could not be read as a Word (.docx) document.`);
    }
  } else {
    try {
      ({ text, warnings } = await extractPdf(buf, progress));
    } catch {
      throw new ImportError(`“${file.name}” could not be read as a PDF.`);
    }
  }
  progress(1, 'Done');
  if (!text.trim()) throw new ImportError(warnings[0] ?? `“${file.name}” contains no text.`);
  return { ...storable(text, warnings), rawSha256 };
}

/**
 * Text extracted from PDF/DOCX (or pasted from them) can carry NUL characters or broken
 * UTF-16 halves, which the desk refuses to store; they carry no meaning, so they are removed
 * here and the person is told how many. `rawSha256` still names the file as it was.
 */
export function storable(text: string, warnings: string[] = []): { text: string; warnings: string[] } {
  const r = stripUnstorable(text);
  if (r.removed === 0) return { text, warnings };
  const note = `${r.removed} invisible character${r.removed === 1 ? '' : 's'} that cannot be stored (NUL or broken UTF-16) ${r.removed === 1 ? 'was' : 'were'} removed from the text.`;
  return { text: r.text, warnings: [...warnings, note] };
}

export async function hashText(text: string): Promise<string> {
  return sha256(new TextEncoder().encode(text).buffer as ArrayBuffer);
}
