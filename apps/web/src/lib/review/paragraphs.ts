/**
 * Paragraph layout of a testimony body. Offsets are JavaScript string indices (UTF-16 code
 * units) into the original body — the same unit the server stores — so a paragraph is only a
 * window [start, end) onto the body and never a copy with its own numbering.
 */
export interface ParagraphRange {
  index: number;
  start: number;
  end: number;
}

export function splitParagraphs(body: string): ParagraphRange[] {
  const out: ParagraphRange[] = [];
  let start = 0;
  const push = (end: number) => {
    // Whitespace-only lines carry nothing to review; they still occupy offsets, which is fine.
    if (body.slice(start, end).trim().length > 0) out.push({ index: out.length, start, end });
  };
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) === 10 /* \n */) {
      push(body.charCodeAt(i - 1) === 13 ? i - 1 : i);
      start = i + 1;
    }
  }
  push(body.length);
  return out;
}

/** Index of the first paragraph whose end is after `offset` (binary search; paragraphs are sorted). */
function firstEndingAfter(paras: readonly ParagraphRange[], offset: number): number {
  let lo = 0;
  let hi = paras.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((paras[mid]?.end ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Paragraph indices a span [start, end) touches. Empty spans touch the paragraph they sit in. */
export function paragraphsTouching(paras: readonly ParagraphRange[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = firstEndingAfter(paras, start); i < paras.length; i++) {
    const p = paras[i];
    if (!p || p.start >= Math.max(end, start + 1)) break;
    out.push(i);
  }
  return out;
}

export function paragraphAt(paras: readonly ParagraphRange[], offset: number): number | null {
  const i = firstEndingAfter(paras, offset);
  const p = paras[i];
  return p && p.start <= offset ? i : null;
}
