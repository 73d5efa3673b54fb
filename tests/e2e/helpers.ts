import { expect, type Browser, type Page } from '@playwright/test';

export const USERS = {
  editor: { email: 'editor@desk.test', password: 'editor-demo-pass' },
  editor2: { email: 'editor2@desk.test', password: 'editor2-demo-pass' },
  safety: { email: 'safety@desk.test', password: 'safety-demo-pass' },
  admin: { email: 'admin@desk.test', password: 'admin-demo-pass' },
} as const;

export async function login(page: Page, who: keyof typeof USERS): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(USERS[who].email);
  await page.getByTestId('login-password').fill(USERS[who].password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A separate browser context per person, as two people at two desks. */
export async function personPage(browser: Browser, who: keyof typeof USERS): Promise<Page> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await login(page, who);
  return page;
}

/** Creates a testimony through the API as the page's signed-in user; returns its id. */
export async function createTestimony(page: Page, body: string, title = `E2E ${Date.now()}`): Promise<string> {
  const res = await page.request.post('/api/testimonies', { data: { title, language: 'en', body } });
  expect(res.status()).toBe(201);
  const json = (await res.json()) as { testimony: { id: string } };
  return json.testimony.id;
}
