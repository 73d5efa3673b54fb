import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { createTestimony, personPage } from './helpers.ts';
import { fetchSnapshot, mark, openReview } from './review-helpers.ts';

/*
 * Re-identification risk in the browser: the queue and the review page show it, a safety officer
 * signs a high-risk text only with a written acknowledgement, and the level falls live as the
 * quasi-identifiers are redacted or generalised.
 */
// Synthetic; every detail is invented.
const BODY = 'The witness, 28, a professional engineer from the northern hills, escaped on 14 June 2018.\n\nNobody else knew.';
const QUASI = [
  { needle: '28', subtype: 'age' },
  { needle: 'professional engineer', subtype: 'profession' },
  { needle: 'from the northern hills', subtype: 'origin' },
  { needle: '14 June 2018', subtype: 'date' },
] as const;

async function command(page: Page, id: string, name: string, payload: Record<string, unknown>): Promise<void> {
  const res = await page.request.post(`/api/testimonies/${id}/commands/${name}`, { data: { commandId: randomUUID(), ...payload } });
  expect(res.status(), `${name} answered`).toBe(200);
}

test('risk shown in queue, review page and sign-off; acknowledgement required when high; falls live as details are redacted', async ({ browser }) => {
  test.setTimeout(300_000);
  const editor = await personPage(browser, 'editor');
  const title = `E2E risk ${Date.now()}`;
  const id = await createTestimony(editor, BODY, title);
  // Only our four quasi-identifiers, each rejected (kept visible), so the level is known.
  for (const r of (await fetchSnapshot(editor, id)).redactions) await command(editor, id, 'redaction.remove', { redactionId: r.id, expectedRev: 0 });
  for (const q of QUASI) {
    const start = BODY.indexOf(q.needle);
    await command(editor, id, 'redaction.propose', { start, end: start + q.needle.length, category: 'quasi', subtype: q.subtype });
  }
  const ids: Record<string, string> = {};
  for (const r of (await fetchSnapshot(editor, id)).redactions) {
    ids[BODY.slice(r.start, r.end)] = r.id;
    await command(editor, id, 'redaction.decide', { redactionId: r.id, decision: 'rejected', expectedRev: 0 });
  }
  const snap = (await (await editor.request.get(`/api/testimonies/${id}`)).json()) as { testimony: { version: number } };
  await command(editor, id, 'testimony.setStatus', { status: 'in_review', version: snap.testimony.version });

  const queue = await personPage(browser, 'editor2');
  await queue.goto('/');
  const row = queue.getByTestId('testimony-row').filter({ hasText: title });
  await expect(row.getByTestId('risk-badge')).toHaveAttribute('data-level', 'high');

  const safety = await personPage(browser, 'safety');
  await openReview(safety, id);
  const panel = safety.getByTestId('risk-panel');
  await expect(panel.getByTestId('risk-badge')).toHaveAttribute('data-level', 'high');
  await expect(panel.getByTestId('risk-reasons')).toContainText('exact age');
  await expect(safety.getByTestId('approval-blocker')).toContainText('re-identification risk is high');
  await expect(safety.getByTestId('approval-sign')).toBeDisabled();
  await safety.getByTestId('risk-acknowledgement').fill('The witness insisted on these details; the region has thousands of engineers.');
  await safety.getByTestId('approval-sign').click();
  // The sign-off renders and gates every export format first: slow on a loaded machine.
  await expect(safety.getByTestId('approval-safety')).toContainText('high risk, acknowledged in writing', { timeout: 90_000 });

  // Redact the profession: a decision made in the browser, the panel and the queue follow it.
  await mark(safety, ids['professional engineer']!).first().click();
  await safety.getByTestId('popover-accept').click();
  await expect(panel.getByTestId('risk-reasons')).not.toContainText('profession');
  await expect(panel.getByTestId('risk-badge')).toHaveAttribute('data-level', 'high');

  // Generalise the origin by hand, then redact it: it counts as a coarse value now.
  await mark(safety, ids['from the northern hills']!).first().click();
  await safety.getByTestId('quasi-generalisation').fill('from the north of the country');
  await safety.getByTestId('quasi-save').click();
  const generalisationOf = async (rid: string) => {
    const json = (await (await safety.request.get(`/api/testimonies/${id}`)).json()) as { redactions: { id: string; generalisation: string | null }[] };
    return json.redactions.find((r) => r.id === rid)?.generalisation;
  };
  await expect.poll(() => generalisationOf(ids['from the northern hills']!)).toBe('from the north of the country');
  await safety.getByTestId('popover-accept').click();
  await expect(panel.getByTestId('risk-reasons')).toContainText('generalised origin');
  await expect(panel.getByTestId('risk-badge')).toHaveAttribute('data-level', 'medium');

  // A colleague redacts the age: the safety officer's panel changes without a reload.
  await command(editor, id, 'redaction.decide', { redactionId: ids['28'], decision: 'accepted', expectedRev: 1 });
  await expect(panel.getByTestId('risk-reasons')).toContainText('age range');
  await expect(panel.getByTestId('risk-badge')).toHaveAttribute('data-level', 'low');
  await expect(row.getByTestId('risk-badge')).toHaveAttribute('data-level', 'low');
});
