import { findLeaks } from '@desk/redaction';
import type { Category } from '@desk/protocol';
import type { ExportFormat } from './types.ts';
import type { Secret } from './secrets.ts';

/** Where a secret (or a variant of it) was found. Deliberately without the matched text. */
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
}

const WORDISH = /[\p{L}\p{M}\p{N}]/u;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

/**
 * Exact, case-insensitive hits that stand as words. Belt and braces under the engine's variant
 * matcher: it works on word keys, so a secret made only of punctuation or symbols would slip
 * past it. Arabic secrets may carry a glued proclitic (و ب ل ...), so no left boundary there.
 */
function exactHits(text: string, secret: string): { start: number; end: number }[] {
  const hay = text.normalize('NFC').toLocaleLowerCase();
  const needle = secret.toLocaleLowerCase();
  if (hay.length !== text.length || needle.length === 0) return fallbackHits(text, secret);
  const out: { start: number; end: number }[] = [];
  const arabic = ARABIC.test(secret);
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1] ?? ' ';
    const after = hay[i + needle.length] ?? ' ';
    const leftOk = arabic || !WORDISH.test(before) || !WORDISH.test(needle[0] ?? '');
    const rightOk = !WORDISH.test(after) || !WORDISH.test(needle[needle.length - 1] ?? '');
    if (leftOk && rightOk) out.push({ start: i, end: i + needle.length });
  }
  return out;
}

/** When case folding changes the length (rare: İ, ß), offsets cannot be mapped; match without folding. */
function fallbackHits(text: string, secret: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) out.push({ start: i, end: i + secret.length });
  return out;
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

/** Every place in `text` where a secret or a spelling variant of it appears. */
export function scanText(text: string, secrets: readonly Secret[], format: ExportFormat, part: LeakFinding['part']): LeakFinding[] {
  if (secrets.length === 0 || text.length === 0) return [];
  const bySecret = new Map(secrets.map((s) => [s.text, s]));
  const found = new Map<string, LeakFinding>();
  const push = (start: number, end: number, category: Category, match: LeakFinding['match']) => {
    const key = `${start}:${end}`;
    if (found.has(key) && match === 'variant') return;
    found.set(key, { format, part, offset: start, ...lineCol(text, start), length: end - start, category, match });
  };
  for (const leak of findLeaks(text, secrets.map((s) => s.text))) {
    const s = bySecret.get(leak.secret);
    const exact = leak.text.toLocaleLowerCase() === leak.secret.toLocaleLowerCase();
    push(leak.start, leak.end, s?.category ?? 'other', exact ? 'exact' : 'variant');
  }
  for (const s of secrets) for (const h of exactHits(text, s.text)) push(h.start, h.end, s.category, 'exact');
  // One place, one finding: the engine (whole word, proclitic included) and the exact pass may
  // both hit the same spot; keep the widest span and call it exact if either pass did.
  const out: LeakFinding[] = [];
  for (const f of [...found.values()].sort((a, b) => a.offset - b.offset || b.length - a.length)) {
    const last = out[out.length - 1];
    if (last && f.offset < last.offset + last.length) {
      if (f.match === 'exact') last.match = 'exact';
      last.length = Math.max(last.length, f.offset + f.length - last.offset);
      continue;
    }
    out.push(f);
  }
  return out;
}
