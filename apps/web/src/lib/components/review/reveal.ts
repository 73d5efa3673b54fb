import { revealOffset } from '$lib/state/review-ui.svelte';

/** Scroll the text to a redaction (or any offset) and flash it, so panel items connect to the text. */
export function revealInText(offset: number, redactionId?: string): HTMLElement | null {
  const root = document.querySelector<HTMLElement>('[data-testid="testimony-body"]');
  if (!root) return null;
  const mark = redactionId ? root.querySelector<HTMLElement>(`[data-rid="${CSS.escape(redactionId)}"]`) : null;
  if (mark) {
    mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
    mark.classList.add('flash');
    setTimeout(() => mark.classList.remove('flash'), 1600);
    return mark;
  }
  return revealOffset(root, offset);
}
