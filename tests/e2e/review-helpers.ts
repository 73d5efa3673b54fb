import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

/** Screenshots kept on every run (gitignored); docs/screenshots/review.png is the committed copy. */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/** Opens a testimony and waits until it is rendered and the socket is live (commands would queue otherwise). */
export async function openReview(page: Page, id: string): Promise<void> {
  await page.goto(`/testimonies/${id}`);
  await expect(page.getByTestId('testimony-body')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
}

/**
 * Selects the first occurrence of `needle` in the rendered text with a real DOM Range, as a
 * mouse drag would. Paragraphs hold one text node per run and category labels are CSS-only, so
 * the concatenated text nodes of a paragraph are exactly that slice of the body.
 */
export async function selectText(page: Page, needle: string): Promise<void> {
  await page.getByTestId('testimony-body').evaluate((root, wanted) => {
    for (const p of root.querySelectorAll('[data-testid="paragraph"]')) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n as Text;
        nodes.push(t);
        text += t.data;
      }
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      // An end point prefers the end of a node over the start of the next, so the range stays tight.
      const locate = (offset: number, isEnd: boolean): [Text, number] => {
        let acc = 0;
        for (const node of nodes) {
          const inside = isEnd ? offset <= acc + node.length : offset < acc + node.length;
          if (inside) return [node, offset - acc];
          acc += node.length;
        }
        throw new Error('offset outside the paragraph');
      };
      const range = document.createRange();
      range.setStart(...locate(at, false));
      range.setEnd(...locate(at + wanted.length, true));
      const sel = window.getSelection();
      if (!sel) throw new Error('no selection object');
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not in the rendered text`);
  }, needle);
  // The toolbar appears once the app has read the selection: only then does a key propose.
  await expect(page.getByTestId('selection-toolbar')).toBeVisible();
}

/** Selects `needle` and proposes it with the keyboard shortcut (1 person … 5 other). */
export async function propose(page: Page, needle: string, key: '1' | '2' | '3' | '4' | '5' = '1'): Promise<void> {
  await selectText(page, needle);
  await page.keyboard.press(key);
  await expect(page.getByTestId('selection-toolbar')).toBeHidden();
}

/** The redaction marks as a sorted list of "rid:state" (a mark split by an overlap counts once). */
export async function markStates(page: Page): Promise<string[]> {
  const all = await page
    .getByTestId('redaction-mark')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-rid')}:${e.getAttribute('data-state')}`));
  return [...new Set(all)].sort();
}

export function mark(page: Page, rid: string) {
  return page.locator(`[data-testid="redaction-mark"][data-rid="${rid}"]`);
}

interface RedactionJson {
  id: string;
  start: number;
  end: number;
  state: string;
  entityGroupId: string | null;
}
export interface SnapshotJson {
  body: string;
  redactions: RedactionJson[];
}

/** The testimony as the server holds it (GET /api/testimonies/:id), read with the page's session. */
export async function fetchSnapshot(page: Page, id: string): Promise<SnapshotJson> {
  const res = await page.request.get(`/api/testimonies/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as SnapshotJson;
}

export interface Timings {
  /** "rid:state" → wall-clock ms when a mark in that state first appeared in the DOM. */
  marks: Record<string, number>;
  /** Wall-clock ms of each return of the connection badge from "Saving…" to "Live", i.e. command acks. */
  acks: number[];
  /** Wall-clock ms of each key press in the page (the start of a keyboard proposal). */
  keys: number[];
}

/**
 * Records, inside the page, when marks appear or change state and when commands are acked.
 * A MutationObserver callback runs right after the DOM change, so these times do not carry the
 * test runner's polling delay. Both contexts share one machine clock, so times compare across pages.
 */
export async function recordTimings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { marks: Record<string, number>; acks: number[]; keys: number[] } = { marks: {}, acks: [], keys: [] };
    window.addEventListener('keydown', () => log.keys.push(Date.now()), { capture: true });
    let saving = false;
    const scan = () => {
      const now = Date.now();
      for (const el of document.querySelectorAll('[data-testid="redaction-mark"]')) {
        const key = `${el.getAttribute('data-rid')}:${el.getAttribute('data-state')}`;
        log.marks[key] ??= now;
      }
      const status = document.querySelector('[data-testid="connection-status"]')?.textContent ?? '';
      if (status.startsWith('Saving')) saving = true;
      else if (saving && status === 'Live') {
        saving = false;
        log.acks.push(now);
      }
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    (window as unknown as { __deskTimings: typeof log }).__deskTimings = log;
  });
}

export async function readTimings(page: Page): Promise<Timings> {
  return page.evaluate(() => (window as unknown as { __deskTimings: Timings }).__deskTimings);
}
