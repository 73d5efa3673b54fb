import { paragraphAt, type ParagraphRange } from './paragraphs';

/**
 * Map DOM selections to body offsets. Every rendered text run carries `data-o` (its start
 * offset in the body) and holds exactly one text node, so a DOM point resolves to
 * data-o + offset-in-node. Paragraph elements carry `data-ps`/`data-pe` for points that land
 * between runs.
 */
function runOf(node: Node): HTMLElement | null {
  const el = node instanceof HTMLElement ? node : node.parentElement;
  return el?.closest<HTMLElement>('[data-o]') ?? null;
}

function runLength(el: HTMLElement): number {
  return Number(el.dataset.len ?? el.textContent?.length ?? 0);
}

export function pointToOffset(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const run = runOf(node);
    if (!run) return null;
    return Number(run.dataset.o) + Math.min(offset, runLength(run));
  }
  if (!(node instanceof HTMLElement)) return null;
  const run = node.closest<HTMLElement>('[data-o]');
  if (run) return Number(run.dataset.o) + (offset === 0 ? 0 : runLength(run));
  const para = node.closest<HTMLElement>('[data-ps]');
  if (para) {
    const child = node.childNodes[offset];
    const childRun = child ? runOf(child) : null;
    if (childRun) return Number(childRun.dataset.o);
    return Number(para.dataset.pe);
  }
  return null;
}

export interface BodySelection {
  start: number;
  end: number;
  text: string;
  rect: DOMRect;
}

/** The current selection as body offsets, trimmed of surrounding whitespace; null if outside `root` or empty. */
export function readSelection(root: HTMLElement, body: string): BodySelection | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  const a = pointToOffset(range.startContainer, range.startOffset);
  const b = pointToOffset(range.endContainer, range.endOffset);
  if (a === null || b === null) return null;
  let start = Math.max(0, Math.min(a, b));
  let end = Math.min(body.length, Math.max(a, b));
  // Double-click selection often includes a trailing space; redacting whitespace helps no one.
  while (start < end && /\s/.test(body[start] ?? '')) start++;
  while (end > start && /\s/.test(body[end - 1] ?? '')) end--;
  if (end <= start) return null;
  return { start, end, text: body.slice(start, end), rect: range.getBoundingClientRect() };
}

/** The rendered paragraph element holding a body offset (paragraph ends count as inside). */
export function paragraphElement(root: ParentNode, paras: readonly ParagraphRange[], offset: number): HTMLElement | null {
  const i = paragraphAt(paras, offset) ?? paragraphAt(paras, offset - 1);
  return i === null ? null : root.querySelector<HTMLElement>(`[data-index="${i}"]`);
}

/** The DOM point (text node, offset in it) of a body offset inside a rendered paragraph. */
export function offsetToPoint(para: HTMLElement, offset: number): [Text, number] | null {
  let last: [Text, number] | null = null;
  for (const run of para.querySelectorAll<HTMLElement>('[data-o]')) {
    const o = Number(run.dataset.o);
    const len = runLength(run);
    const text = [...run.childNodes].find((n): n is Text => n.nodeType === Node.TEXT_NODE) ?? null;
    if (!text) continue;
    if (offset >= o && offset < o + len) return [text, Math.min(offset - o, text.length)];
    if (offset === o + len) last = [text, text.length];
  }
  return last;
}

/** A DOM Range over body offsets [start, end), or null when either end is not rendered. */
export function rangeOf(root: ParentNode, paras: readonly ParagraphRange[], start: number, end: number): Range | null {
  const pa = paragraphElement(root, paras, start);
  const pb = end === start ? pa : paragraphElement(root, paras, end);
  const a = pa && offsetToPoint(pa, start);
  const b = pb && offsetToPoint(pb, end);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(...a);
  range.setEnd(...b);
  return range;
}

/** Select body offsets [start, end) in the page, as a mouse drag would (an empty span clears the selection). */
export function selectOffsets(root: ParentNode, paras: readonly ParagraphRange[], start: number, end: number): boolean {
  const sel = window.getSelection();
  if (!sel) return false;
  if (end <= start) {
    sel.removeAllRanges();
    return true;
  }
  const range = rangeOf(root, paras, start, end);
  if (!range) return false;
  sel.removeAllRanges();
  sel.addRange(range);
  return true;
}
