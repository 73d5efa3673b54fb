import type { Category, ExportFormat } from '@desk/protocol';
import { findLeaks } from '@desk/redaction';
import { compose } from './compose.ts';
import { extract } from './extract.ts';
import type { LeakFinding } from './scan.ts';
import type { Secret } from './secrets.ts';
import type { ExportDocument, RenderedArtefact } from './types.ts';

/*
 * Leak-gate findings a reviewer can act on. A hit in an export file is traced back to the place in
 * the testimony where the same text is still visible (body offsets, paragraph), and one finding per
 * place lists every format that carries it. Hits the testimony cannot explain are the product's own
 * words when the same render of an empty testimony has them (a redacted "Desk" meeting "Testimony
 * Desk"): those never block. Anything else still blocks, located in its file (fail closed).
 */
export interface GateFinding {
  /** [start, end) of the visible text in the testimony body; null when no visible body text explains it */
  start: number | null;
  end: number | null;
  /** 1-based paragraph (non-blank line) of the body, as the review page numbers them */
  paragraph: number | null;
  /** the visible text; the server sends it only to callers who may read the original */
  text: string;
  category: Category;
  match: 'exact' | 'variant';
  /** export formats found to carry it */
  formats: ExportFormat[];
  /** for a hit no visible body text explains: where in which file */
  part: LeakFinding['part'];
  line: number | null;
  column: number | null;
}

const norm = (s: string): string => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

function paragraphOf(body: string, offset: number): number {
  let n = 0;
  let lineStart = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body.charCodeAt(i) === 10) {
      if (body.slice(lineStart, i).trim() !== '') n++;
      if (offset < i || i === body.length) return Math.max(n, 1);
      lineStart = i + 1;
    }
  }
  return Math.max(n, 1);
}

/** Every place where a secret or a variant of it is visible in the testimony as exported. */
export function testimonyLeaks(doc: ExportDocument, secrets: readonly Secret[]): GateFinding[] {
  const c = compose(doc, 'label');
  const bySecret = new Map(secrets.map((s) => [s.text, s]));
  const runs: Array<{ at: number; start: number; length: number }> = [];
  let at = 0;
  for (const p of c.pieces) {
    if (p.kind === 'text') runs.push({ at, start: p.start, length: p.text.length });
    at += p.text.length;
  }
  const out: GateFinding[] = [];
  for (const leak of findLeaks(c.text, secrets.map((s) => s.text))) {
    // Only hits inside one visible run: a hit across a placeholder is the product's label.
    const run = runs.find((r) => leak.start >= r.at && leak.end <= r.at + r.length);
    if (!run) continue;
    const start = run.start + (leak.start - run.at);
    const end = start + (leak.end - leak.start);
    const match = norm(leak.text) === norm(leak.secret) ? 'exact' : 'variant';
    const last = out[out.length - 1];
    if (last?.start != null && last.end != null && start < last.end) {
      if (match === 'exact') last.match = 'exact';
      if (end > last.end) {
        last.end = end;
        last.text = doc.body.slice(last.start, end);
      }
      continue;
    }
    const category = bySecret.get(leak.secret)?.category ?? 'other';
    out.push({ start, end, paragraph: paragraphOf(doc.body, start), text: leak.text, category, match, formats: [], part: 'text', line: null, column: null });
  }
  return out;
}

/** What a render of this testimony with an empty body holds: the product's own words. */
async function chromeHits(doc: ExportDocument, format: ExportFormat, secrets: readonly Secret[], render: Render): Promise<Set<string>> {
  const empty = await render({ ...doc, body: '', redactions: [], groups: [] }, format);
  const { text, metadata } = await extract(format, empty.bytes);
  const all = [text, metadata, empty.layoutText ?? ''].join('\n');
  return new Set(findLeaks(all, secrets.map((s) => s.text)).map((l) => norm(l.text)));
}

export type Render = (doc: ExportDocument, format: ExportFormat) => Promise<RenderedArtefact>;

/**
 * One finding per place in the testimony (with the formats that carry it), plus any hit in a file
 * that neither the testimony nor the product's own words explain. Empty: the exports are clean.
 */
export async function explainFindings(doc: ExportDocument, secrets: readonly Secret[], fileFindings: readonly LeakFinding[], render: Render): Promise<GateFinding[]> {
  const places = testimonyLeaks(doc, secrets);
  const byText = new Map<string, GateFinding[]>();
  for (const p of places) byText.set(norm(p.text), [...(byText.get(norm(p.text)) ?? []), p]);
  const chrome = new Map<ExportFormat, Set<string>>();
  const unexplained = new Map<string, GateFinding>();
  for (const f of fileFindings) {
    const key = norm(f.text);
    const owners = byText.get(key);
    if (owners) {
      for (const o of owners) if (!o.formats.includes(f.format)) o.formats.push(f.format);
      continue;
    }
    if (!chrome.has(f.format)) chrome.set(f.format, await chromeHits(doc, f.format, secrets, render));
    if (chrome.get(f.format)?.has(key)) continue;
    const id = `${f.format}:${f.part}:${key}`;
    if (!unexplained.has(id)) {
      unexplained.set(id, { start: null, end: null, paragraph: null, text: f.text, category: f.category, match: f.match, formats: [f.format], part: f.part, line: f.line, column: f.column });
    }
  }
  return [...places, ...unexplained.values()];
}
