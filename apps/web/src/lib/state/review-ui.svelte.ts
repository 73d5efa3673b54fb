import type { BodySelection } from '$lib/review/domOffsets';

export type PanelTab = 'suggestions' | 'names' | 'comments' | 'activity';

/** View state of the review page that several components share; reset per testimony. */
export class ReviewUi {
  preview = $state(false);
  selection = $state.raw<BodySelection | null>(null);
  /** The redaction whose popover is open, and the mark element it is anchored to. */
  active = $state.raw<{ id: string; anchor: HTMLElement } | null>(null);
  tab = $state<PanelTab>('suggestions');
  /** A new comment being written for this span. */
  commentAnchor = $state.raw<{ start: number; end: number; text: string } | null>(null);
  redactAllNeedle = $state<string | null>(null);
  /** Comment thread to highlight after clicking an anchored span. */
  focusedComment = $state<string | null>(null);
  /** On narrow screens (and at high zoom) the side panel is a drawer; this says whether it is out. */
  drawer = $state(false);
  /** The keyboard help overlay (`?`). */
  help = $state(false);
}

/** Scroll a body offset into view and briefly flash it, for "show in text" links. */
export function revealOffset(root: ParentNode, start: number): HTMLElement | null {
  const runs = root.querySelectorAll<HTMLElement>('[data-o]');
  let best: HTMLElement | null = null;
  for (const el of runs) {
    const o = Number(el.dataset.o);
    if (o <= start) best = el;
    else break;
  }
  if (best) {
    best.scrollIntoView({ block: 'center', behavior: 'smooth' });
    best.classList.add('flash');
    setTimeout(() => best?.classList.remove('flash'), 1600);
  }
  return best;
}
