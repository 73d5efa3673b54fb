import { expect, test } from '@playwright/test';
import { login } from './helpers.ts';

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-email').fill('editor@desk.test');
  await page.getByTestId('login-password').fill('definitely-wrong');
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toContainText(/wrong email or password/i);
  await expect(page).toHaveURL(/\/login/);
});

test('editor signs in, sees the seeded queue and opens a testimony', async ({ page }) => {
  await login(page, 'editor');
  const rows = page.getByTestId('testimony-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  await expect(page.getByText('The baker from Ain Zahra')).toBeVisible();
  await page.getByText('The baker from Ain Zahra').click();
  await expect(page).toHaveURL(/\/testimonies\/[0-9a-f-]{36}/);
  await expect(page.getByTestId('testimony-body')).toContainText('olive farmers');
});

test('an unauthenticated visitor is sent to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});
