import { expect, test } from '@playwright/test';
import { createTestimony, personPage } from './helpers.ts';
import { openReview, SCREENSHOTS } from './review-helpers.ts';

// The engine groups the Karim mentions into one entity (see review.spec.ts).
const BODY = 'My brother Karim Haddad left the house before dawn. Karim told me he would take the long road.\n\nLater that week Karim Haddad called from a borrowed phone, and Karim said he was safe.';

test('at 390 px: the page fits, Sign out is on screen, a suggestion is decided from the panel drawer, the popover stays inside', async ({ browser }) => {
  const page = await personPage(browser, 'safety');
  await page.setViewportSize({ width: 390, height: 844 });
  const id = await createTestimony(page, BODY, `E2E phone ${Date.now()}`);
  await openReview(page, id);

  // Nothing wider than the phone: the header wraps instead of pushing Sign out off-screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const signOut = page.getByTestId('logout');
  await expect(signOut).toBeInViewport();

  // The panels are a drawer, reached from a fixed button, not after the whole text.
  await expect(page.getByTestId('side-panel')).toBeHidden();
  await page.getByTestId('drawer-toggle').click();
  const group = page.getByTestId('entity-group').filter({ hasText: 'Karim' });
  await expect(group).toBeInViewport();
  await page.screenshot({ path: `${SCREENSHOTS}review-phone.png` });
  await group.getByTestId('entity-accept').click();
  await expect(page.getByTestId('suggestions-empty')).toBeVisible();
  await page.getByTestId('drawer-toggle').click();
  await expect(page.getByTestId('side-panel')).toBeHidden();
  for (const m of await page.getByTestId('redaction-mark').all()) await expect(m).toHaveAttribute('data-state', 'accepted');

  // A mark's popover fits the phone's width.
  await page.getByTestId('redaction-mark').last().click();
  const box = await page.getByTestId('redaction-popover').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await expect(signOut).toBeInViewport();

  // After a reload the Activity tab shows what happened before (read from the event stream).
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveText('Live');
  await page.getByTestId('drawer-toggle').click();
  await page.getByTestId('tab-activity').click();
  await expect(page.getByTestId('activity-item').first()).toBeVisible();
  await page.context().close();
});
