import { expect, test } from '@playwright/test';
import { personPage } from './helpers.ts';
import { fetchSnapshot, openReview, propose, SCREENSHOTS } from './review-helpers.ts';

/*
 * Offsets are JavaScript string indices end to end. An emoji (two UTF-16 units, plus a variation
 * selector) before an Arabic name in a right-to-left paragraph would shift a code-point or byte
 * based offset, and the wrong letters would be hidden.
 */

// Synthetic text; the name is fictional. The engine suggests nothing here (checked with `npm run detect`).
const NAME = 'سلمى الزين';
const BODY = `سُجّلت هذه الشهادة في الخريف 🕯️ بعد أن هدأ القصف.\n\nقالت لي جارتنا ${NAME} إن الطريق مغلق منذ الصباح، وإن الجنود يقفون عند الجسر. لم نخرج من البيت حتى المساء.`;

test('an Arabic name selected in the browser is redacted exactly and absent from the export', async ({ browser }) => {
  const editor = await personPage(browser, 'editor');
  const res0 = await editor.request.post('/api/testimonies', { data: { title: `E2E عربي ${Date.now()}`, language: 'ar', body: BODY } });
  expect(res0.status()).toBe(201);
  const id = ((await res0.json()) as { testimony: { id: string } }).testimony.id;
  await openReview(editor, id);
  const para = editor.getByTestId('paragraph').nth(1);
  // The browser lays the paragraph out right to left (dir=auto sees Arabic first).
  expect(await para.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');

  await propose(editor, NAME, '1');
  const mark = editor.getByTestId('redaction-mark');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveText(NAME);
  await expect(mark).toHaveAttribute('data-category', 'person');

  // The server stored the same characters: its offsets slice exactly the name out of its body.
  const snap = await fetchSnapshot(editor, id);
  expect(snap.redactions).toHaveLength(1);
  const r = snap.redactions[0];
  if (!r) throw new Error('no redaction stored');
  expect(snap.body.slice(r.start, r.end)).toBe(NAME);
  expect(r.start).toBe(BODY.indexOf(NAME));

  // One's own redaction is one's decision: accepted at once, no second click.
  await expect(mark).toHaveAttribute('data-state', 'accepted');

  await editor.getByTestId('preview-toggle').check();
  const body = editor.getByTestId('testimony-body');
  await expect(body.getByTestId('placeholder')).toHaveText('[PERSON 1]');
  await expect(body).not.toContainText(NAME);
  await expect(body).toContainText('قالت لي جارتنا [PERSON 1] إن الطريق');
  await editor.screenshot({ path: `${SCREENSHOTS}redacted-preview.png` });

  // A draft exports only for an admin; the file must name nobody and keep the surrounding words.
  const admin = await personPage(browser, 'admin');
  const res = await admin.request.get(`/api/testimonies/${id}/export?format=txt&mode=label`);
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).not.toContain(NAME);
  expect(text).not.toContain('سلمى');
  expect(text).toContain('قالت لي جارتنا [PERSON] إن الطريق مغلق');
  expect(text).toContain('🕯️');

  await Promise.all([editor.context().close(), admin.context().close()]);
});
