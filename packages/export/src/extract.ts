import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ExportFormat } from './types.ts';

/** What the leak gate reads: the text a reader (or a tool) gets out of the file, and its metadata. */
export interface Extracted {
  text: string;
  metadata: string;
}

const dec = new TextDecoder();

/** Every string value of a JSON document, one per line, so escapes (\n, \") cannot split a name. */
function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  }
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function xmlText(xml: string): string {
  return xml
    .replace(/<[^>]*>/g, '\n')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (XML_ENTITIES[e] ?? m),
    )
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * DOCX: mammoth's raw text for the body (runs joined as Word shows them), plus the text of
 * every other XML part (core/app properties, headers, footers, comments, settings), so
 * nothing hidden in the package escapes the scan.
 */
async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  const zip = await JSZip.loadAsync(bytes);
  const meta: string[] = [];
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/i.test(name)) continue;
    const xml = await file.async('string');
    meta.push(name.startsWith('word/document') ? xmlText(xml) : `${name}\n${xmlText(xml)}`);
  }
  return { text: value, metadata: meta.join('\n') };
}

type PdfTextItem = { str: string; hasEOL?: boolean };

async function extractPdf(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const lines: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items as PdfTextItem[]) {
        if (typeof item.str !== 'string') continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
      page.cleanup();
    }
    const md = await pdf.getMetadata();
    const info = md.info && typeof md.info === 'object' ? Object.values(md.info as Record<string, unknown>).filter((v) => typeof v === 'string') : [];
    const xmp = md.metadata ? JSON.stringify([...md.metadata]) : '';
    return { text: lines.join('\n'), metadata: [...info, xmp].join('\n') };
  } finally {
    await pdf.destroy();
  }
}

export async function extract(format: ExportFormat, bytes: Uint8Array): Promise<Extracted> {
  switch (format) {
    case 'txt':
    case 'md':
      return { text: dec.decode(bytes), metadata: '' };
    case 'json': {
      const raw = dec.decode(bytes);
      const strings: string[] = [];
      jsonStrings(JSON.parse(raw), strings);
      return { text: `${raw}\n${strings.join('\n')}`, metadata: '' };
    }
    case 'docx':
      return extractDocx(bytes);
    case 'pdf':
      return extractPdf(bytes);
  }
}
