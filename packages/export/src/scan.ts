import { findLeaks } from '@desk/redaction';
import type { Category } from '@desk/protocol';
import type { ExportFormat } from './types.ts';
import type { Secret } from './secrets.ts';

/**
 * Where a secret (or a variant of it) was found in one export file. It carries the matched text and
 * the secret for the gate to point the finding at the testimony (findings.ts); neither is ever logged,
 * and the server sends the text only to callers who may read the original.
 */
export interface LeakFinding {
  format: ExportFormat;
  /** Which extracted stream: the visible text, or document metadata (DOCX/PDF properties, XMP). */
  part: 'text' | 'metadata';
  offset: number;
  line: number;
  column: number;
  length: number;
  category: Category;
  /** Exact spelling of a redacted string, or another spelling of it. */
  match: 'exact' | 'variant';
  text: string;
  secret: string;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lastBreak = i;
  }
  return { line, column: offset - lastBreak };
}

/** Every place in `text` where a secret or a spelling variant of it appears, one finding per place. */
export function scanText(text: string, secrets: readonly Secret[], format: ExportFormat, part: LeakFinding['part']): LeakFinding[] {
  if (secrets.length === 0 || text.length === 0) return [];
  const bySecret = new Map(secrets.map((s) => [s.text, s]));
  const out: LeakFinding[] = [];
  // findLeaks gives one hit per secret and place; two secrets may hit one place: keep the widest,
  // and call it exact if either was.
  for (const leak of findLeaks(text, secrets.map((s) => s.text))) {
    const s = bySecret.get(leak.secret);
    const match = leak.text.toLocaleLowerCase() === leak.secret.toLocaleLowerCase() ? 'exact' : 'variant';
    const last = out[out.length - 1];
    if (last && leak.start < last.offset + last.length) {
      if (match === 'exact') last.match = 'exact';
      if (leak.end > last.offset + last.length) {
        last.length = leak.end - last.offset;
        last.text = text.slice(last.offset, leak.end);
      }
      continue;
    }
    out.push({ format, part, offset: leak.start, ...lineCol(text, leak.start), length: leak.end - leak.start, category: s?.category ?? 'other', match, text: leak.text, secret: leak.secret });
  }
  return out;
}
