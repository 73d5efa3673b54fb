import { expect, test, type Page } from '@playwright/test';
import { createTestimony, personPage } from './helpers.ts';
import { openReview, SCREENSHOTS } from './review-helpers.ts';

/*
 * The reviewer's day by keyboard alone: after the page is open, every step below is a key press
 * (no clicks, no DOM selection made by the test). The engine suggests "Abu Selim" and groups the
 * two "Karim Haddad"/"Karim" mentions, but misses the lower-case "abu selim" — which the find bar
 * reaches through a spelling variant ("Abou Salim").
 */
const BODY =
  'My brother Karim Haddad left the house before dawn. Karim told me he would take the long road.\n\n' +
  'The old baker, a man we called Abu Selim, gave us bread. Later that week Karim Haddad called from a borrowed phone, and Karim said abu selim had helped him again.';

/** Press Tab (or Shift+Tab) until the element with this test id has focus. */
async function tabTo(page: Page, testId: string, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

const openCount = (page: Page) => page.locator('[data-testid="redaction-mark"][data-state="suggested"]').count();

test('a whole review with the keyboard only: find a name, redact it, accept a group, comment, approve', async ({ browser }) => {
  test.setTimeout(240_000); // many steps, each waiting on the server (signing checks every export); the 2-core machine is shared
  const page = await personPage(browser, 'editor');
  const id = await createTestimony(page, BODY, `E2E keyboard ${Date.now()}`);
  await openReview(page, id);
  const body = page.getByTestId('testimony-body');

  // Help overlay lists the shortcuts.
  await page.keyboard.press('?');
  await expect(page.getByTestId('keyboard-help')).toContainText('Next undecided suggestion');
  await page.screenshot({ path: `${SCREENSHOTS}keyboard-help.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('keyboard-help')).toBeHidden();

  // Find a name by another spelling; go to the hit nobody suggested; Esc selects it in the text; 1 redacts it.
  await page.keyboard.press('t');
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('find-input')).toBeFocused();
  await page.keyboard.type('Abou Salim');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 2');
  await expect(page.getByTestId('find-hit')).toHaveCount(2);
  await expect(page.getByTestId('find-hit').nth(1)).toHaveAttribute('data-state', 'visible');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('2 of 2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('find-bar')).toBeHidden();
  await expect(page.getByTestId('selection-toolbar')).toBeVisible();
  await page.keyboard.press('1');
  const own = body.locator('[data-testid="redaction-mark"]', { hasText: /^abu selim$/ });
  await expect(own).toHaveAttribute('data-state', 'accepted'); // one's own redaction is one's decision
  await expect(own).toHaveAttribute('data-category', 'person');

  // Accept the Karim group from the panel: p focuses the panel, Tab to its "Accept all".
  await page.keyboard.press('p');
  await expect(page.getByTestId('tab-suggestions')).toBeFocused();
  const group = page.getByTestId('entity-group').filter({ hasText: 'Karim' });
  const groupAccept = group.getByTestId('entity-accept');
  for (let i = 0; i < 40 && !(await groupAccept.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(body.locator('[data-testid="redaction-mark"]', { hasText: /^Karim/ }).first()).toHaveAttribute('data-state', 'accepted');

  // The last open suggestion: n jumps to it (focus on the mark), Enter opens its popover, accept it.
  await expect.poll(() => openCount(page)).toBe(1);
  await page.keyboard.press('n');
  await expect(page.locator('[data-testid="redaction-mark"]:focus')).toHaveText('Abu Selim');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('redaction-popover')).toBeVisible();
  await tabTo(page, 'popover-accept');
  await page.keyboard.press('Enter');
  await expect.poll(() => openCount(page)).toBe(0);

  // Comment on a sentence: t back to the text (the caret is still on "Abu Selim"), ] to the next sentence, s selects it, c comments.
  await page.keyboard.press('t');
  await page.keyboard.press(']');
  await page.keyboard.press('s');
  await page.keyboard.press('c');
  await expect(page.getByTestId('comment-input')).toBeFocused();
  await expect(page.getByTestId('comments-panel')).toContainText('On “Later that week Karim Haddad called');
  await page.keyboard.type('Is the borrowed phone identifying?');
  await tabTo(page, 'comment-send');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('comment-thread')).toContainText('Is the borrowed phone identifying?');

  // Status to "in review" with the arrow keys on the select, then sign.
  await tabTo(page, 'status-select', true);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'in_review');
  await tabTo(page, 'approval-sign');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('approval-editorial')).toContainText(/Editorial approval — /);
  await page.context().close();
});

test('the find bar finds a spelling variant and redacts every hit with the guessed category', async ({ browser }) => {
  const page = await personPage(browser, 'editor');
  const id = await createTestimony(page, BODY, `E2E find ${Date.now()}`);
  await openReview(page, id);
  await page.getByTestId('testimony-body').click();
  await page.keyboard.press('Control+f');
  await page.getByTestId('find-input').fill('Abou Salim');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 2');
  await expect(page.getByTestId('find-summary')).toContainText('1 visible');
  await expect(page.getByTestId('find-summary')).toContainText('1 suggested');
  // The engine called "Abu Selim" a person here, so that is the default.
  await expect(page.getByTestId('find-category')).toHaveValue('person');
  await expect(page.getByTestId('own-redaction-rule')).toContainText('accepted at once');
  await page.screenshot({ path: `${SCREENSHOTS}find-bar.png` });
  await page.getByTestId('find-redact-all').click();
  await expect(page.getByTestId('find-summary')).toContainText('2 redacted');
  await expect(page.locator('[data-testid="find-hit"][data-state="redacted"]')).toHaveCount(2);
  const marks = page.getByTestId('testimony-body').locator('[data-testid="redaction-mark"]', { hasText: /selim/i });
  await expect(marks).toHaveCount(2);
  for (const m of await marks.all()) await expect(m).toHaveAttribute('data-state', 'accepted');
  // A second Ctrl+F inside the field is left to the browser's own find.
  const prevented = await page.getByTestId('find-input').evaluate((el) => {
    const ev = new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true, cancelable: true });
    el.dispatchEvent(ev);
    return ev.defaultPrevented;
  });
  expect(prevented).toBe(false);
  await page.context().close();
});
