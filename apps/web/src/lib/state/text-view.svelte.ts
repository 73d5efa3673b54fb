import { tick } from 'svelte';
import type { ParagraphView } from '$lib/state/testimony.svelte';

/** How far outside the viewport paragraphs are drawn in full, so scrolling never shows a bare one. */
const MARGIN = '1500px 0px';

/**
 * Which paragraphs of the text are drawn in full. A paragraph far from the viewport is one plain
 * text run (same text, same height, still found by the browser's find and by selections), and gets
 * its marks, comments and live selections only when it comes near. A 20,000-word testimony with
 * thousands of suggestions then opens and toggles preview at the cost of a screenful, not the
 * whole text; a live update to a far paragraph costs nothing until it is scrolled to.
 */
export class TextView {
  /** Bumped whenever paragraphs switch between plain and full, for things drawn over the DOM (find highlights). */
  version = $state(0);
  #io: IntersectionObserver | null = null;
  #bumpQueued = false;

  constructor(private readonly paragraphs: () => readonly ParagraphView[]) {
    if (typeof IntersectionObserver === 'undefined') return;
    this.#io = new IntersectionObserver((entries) => this.#onIntersect(entries), { rootMargin: MARGIN });
  }

  /** Attachment for a paragraph element (`{@attach view.observe}`). Without an observer, everything is near. */
  observe = (el: HTMLElement) => {
    if (!this.#io) {
      const p = this.paragraphs()[Number(el.dataset.index)];
      if (p) p.near = true;
      return;
    }
    this.#io.observe(el);
    return () => this.#io?.unobserve(el);
  };

  #onIntersect(entries: IntersectionObserverEntry[]): void {
    const paras = this.paragraphs();
    let changed = false;
    for (const e of entries) {
      const p = paras[Number((e.target as HTMLElement).dataset.index)];
      if (p && p.near !== e.isIntersecting) {
        p.near = e.isIntersecting;
        changed = true;
      }
    }
    if (changed) this.#bump();
  }

  #bump(): void {
    if (this.#bumpQueued) return;
    this.#bumpQueued = true;
    void tick().then(() => {
      this.#bumpQueued = false;
      this.version++;
    });
  }

  /** Draw paragraph `i` in full now (before the caret or a find hit lands in it). */
  ensureRendered = async (i: number): Promise<void> => {
    const p = this.paragraphs()[i];
    if (!p || p.near) return;
    p.near = true;
    await tick();
    this.version++;
  };

  dispose(): void {
    this.#io?.disconnect();
    this.#io = null;
  }
}
