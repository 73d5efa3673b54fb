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
