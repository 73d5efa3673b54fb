import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createTestimony, personPage } from './helpers.ts';

/*
 * Four-eyes end to end, in four browsers: an editor approves, a safety officer signs off, the
 * queue (another editor) and the admin dashboard show `approved` live without a reload, and
 * the editor downloads a PDF export.
 */
// No names, places or quasi-identifiers: the engine has nothing to suggest, so nothing blocks sign-off.
const BODY = 'The weather was cold and the road was long.\n\nNobody spoke during the night, and in the morning the rain stopped.';

test('editor approves, safety officer signs off, queue and dashboard show approved live, PDF downloads', async ({ browser }) => {
  const editor = await personPage(browser, 'editor');
  const title = `E2E four-eyes ${Date.now()}`;
  const id = await createTestimony(editor, BODY, title);

  // Watchers first, so what they see later can only have arrived live.
  const queue = await personPage(browser, 'editor2');
  await queue.goto('/');
  const row = queue.getByTestId('testimony-row').filter({ hasText: title });
  await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'draft');
  const admin = await personPage(browser, 'admin');
  await admin.goto('/admin');
  const approvedCount = admin.getByTestId('count-approved').locator('.n');
  await expect(approvedCount).toBeVisible();
  const before = Number(await approvedCount.textContent());

  await editor.goto(`/testimonies/${id}`);
  await expect(editor.getByTestId('approval-panel')).toBeVisible();
  await editor.getByTestId('status-select').selectOption('in_review');
  await expect(editor.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'in_review');
  await editor.getByTestId('approval-sign').click();
  await expect(editor.getByTestId('approval-editorial')).toContainText(/Editorial approval — /);
  await expect(editor.getByTestId('approval-safety')).toContainText(/waiting for a safety officer/);

  const safety = await personPage(browser, 'safety');
  await safety.goto(`/testimonies/${id}`);
  await safety.getByTestId('approval-sign').click();
  await expect(safety.getByTestId('approval-safety')).toContainText(/Safety sign-off — /);

  await expect(editor.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'approved');
  await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'approved');
  await expect(approvedCount).toHaveText(String(before + 1));

  await editor.getByTestId('export-format').selectOption('pdf');
  await editor.getByTestId('export-mode').selectOption('pseudonym');
  const [download] = await Promise.all([editor.waitForEvent('download'), editor.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^testimony-T-[0-9a-f]{8}-v\d+\.pdf$/);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(editor.getByTestId('export-done')).toContainText('sha256');
});
