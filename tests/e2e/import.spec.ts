import { Document, Packer, Paragraph } from 'docx';
import { expect, test, type Page } from '@playwright/test';
import { personPage } from './helpers.ts';
import { fetchSnapshot } from './review-helpers.ts';

/*
 * Importing through the UI: the page extracts the text (mammoth for .docx), flags page chrome
 * block by block, the editor confirms, and the server freezes exactly the kept blocks.
 */

const STORY = [
  'The night they came for my cousin, we were eating dinner. My mother heard the trucks first and sent us to the back room without a word.',
  'We stayed there until the engines faded. Nobody slept, and in the morning the street was empty and the bakery did not open.',
] as const;
const CHROME = {
  newsletter: 'Sign up for our newsletter to get the latest stories every morning.',
  teaser1: 'Read more: Floods return to the valley',
  teaser2: 'Read more: Ten years after the ceasefire, families still wait for news',
  share: 'Share this on Facebook | WhatsApp | Telegram | Copy link',
  commentsHeading: '3 Comments',
  comment1: 'Reader_42: This is heartbreaking, thank you for publishing.',
  comment2: 'Omar B.: I grew up two streets away and I remember that winter well, the cold and the silence.',
};
const ARTICLE = [CHROME.newsletter, CHROME.teaser1, STORY[0], STORY[1], CHROME.teaser2, CHROME.share, CHROME.commentsHeading, CHROME.comment1, CHROME.comment2];

/** Checks the block review: every chrome block flagged and dropped, every story block kept. */
async function expectChromeDropped(page: Page): Promise<void> {
  const review = page.getByTestId('boilerplate-review');
  await expect(review).toBeVisible();
  const blocks = page.getByTestId('import-block');
  await expect(blocks).toHaveCount(ARTICLE.length);
  for (const text of Object.values(CHROME)) {
    const block = blocks.filter({ hasText: text });
    await expect(block, text).toHaveAttribute('data-flagged', 'true');
    await expect(block, text).toHaveAttribute('data-kept', 'false');
  }
  for (const text of STORY) await expect(blocks.filter({ hasText: text })).toHaveAttribute('data-kept', 'true');
  await expect(page.getByTestId('boilerplate-dropped')).toHaveText(String(Object.keys(CHROME).length));
}

/** Submits the import form and returns the new testimony's id from the review URL it lands on. */
async function submitImport(page: Page, title: string): Promise<string> {
  await page.getByTestId('import-title').fill(title);
  await expect(page.getByTestId('import-language')).toHaveValue('en');
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/testimonies\/[0-9a-f-]{36}$/);
  const id = /\/testimonies\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`no testimony id in ${page.url()}`);
  return id;
}

/** The frozen text is exactly the story: in the review page and in the API's copy. */
async function expectFrozenStory(page: Page, id: string, title: string): Promise<void> {
  await expect(page.getByTestId('testimony-heading')).toHaveText(title);
  const body = page.getByTestId('testimony-body');
  await expect(body.getByTestId('paragraph')).toHaveCount(STORY.length);
  for (const text of STORY) await expect(body).toContainText(text);
  for (const text of Object.values(CHROME)) await expect(body).not.toContainText(text);
  const snap = await fetchSnapshot(page, id);
  expect(snap.body).toBe(STORY.join('\n\n'));
}

test('a .docx with page chrome is imported without it', async ({ browser }) => {
  const page = await personPage(browser, 'editor');
  const doc = new Document({ sections: [{ children: ARTICLE.map((text) => new Paragraph(text)) }] });
  const buffer = await Packer.toBuffer(doc);

  await page.goto('/import');
  await page.getByTestId('import-mode-file').check();
  await page.getByTestId('import-file').setInputFiles({
    name: 'witness_07-statement.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer,
  });
  await expect(page.getByTestId('import-error')).toBeHidden();
  await expectChromeDropped(page);
  // The title is suggested from the file name; the test then makes it unique.
  await expect(page.getByTestId('import-title')).toHaveValue('witness 07 statement');

  const title = `E2E docx import ${Date.now()}`;
  const id = await submitImport(page, title);
  await expectFrozenStory(page, id, title);
  await page.context().close();
});

test('a pasted article is imported without newsletter box, teasers and reader comments', async ({ browser }) => {
  const page = await personPage(browser, 'editor');
  await page.goto('/import');
  await page.getByTestId('import-mode-paste').check();
  await page.getByTestId('import-paste').fill(ARTICLE.join('\n\n'));
  await page.getByTestId('import-analyse').click();
  await expectChromeDropped(page);

  // The editor has the last word: keep one flagged block, then change their mind again.
  const teaser = page.getByTestId('import-block').filter({ hasText: CHROME.teaser1 });
  await teaser.getByTestId('import-block-keep').check();
  await expect(teaser).toHaveAttribute('data-kept', 'true');
  await expect(page.getByTestId('boilerplate-dropped')).toHaveText(String(Object.keys(CHROME).length - 1));
  await teaser.getByTestId('import-block-keep').uncheck();

  const title = `E2E pasted import ${Date.now()}`;
  const id = await submitImport(page, title);
  await expectFrozenStory(page, id, title);
  await page.context().close();
});

test('choosing another source keeps the pasted text', async ({ browser }) => {
  const page = await personPage(browser, 'editor');
  await page.goto('/import');
  await page.getByTestId('import-mode-paste').check();
  const text = ARTICLE.join('\n\n');
  await page.getByTestId('import-paste').fill(text);
  await page.getByTestId('import-analyse').click();
  await expect(page.getByTestId('boilerplate-review')).toBeVisible();

  await page.getByTestId('import-change-source').click();
  await expect(page.getByTestId('import-paste')).toHaveValue(text);
  await expect(page.getByTestId('import-mode-paste')).toBeChecked();
  // Looking at a file instead and coming back still finds the pasted text.
  await page.getByTestId('import-mode-file').check();
  await page.getByTestId('import-mode-paste').check();
  await expect(page.getByTestId('import-paste')).toHaveValue(text);
  await page.getByTestId('import-analyse').click();
  await expectChromeDropped(page);
  await page.context().close();
});
