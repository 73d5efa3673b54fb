import { expect, test } from '@playwright/test';

/**
 * The built web app as a browser gets it: SvelteKit's CSP (apps/web/svelte.config.js) on
 * the page, helmet's headers around it, and no inline script running without a nonce.
 */
test('the page is served with a strict CSP and hardening headers', async ({ request }) => {
  const res = await request.get('/');
  expect(res.status()).toBe(200);
  const h = res.headers();
  const html = await res.text();
  const csp = h['content-security-policy'] ?? /http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).toMatch(/script-src 'self'( 'nonce-[^']+'| 'sha256-[^']+')*/);
  // Websockets only to this host ('self' covers same-host ws:/wss: in CSP Level 3).
  expect(csp).toMatch(/connect-src 'self'(;|$)/);
  expect(csp).not.toMatch(/\bwss?:/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(csp).toMatch(/object-src 'none'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(csp).toMatch(/base-uri 'self'/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-powered-by']).toBeUndefined();
});

test('an injected inline script is blocked by the CSP', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/');
  const ran = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = true';
    document.body.appendChild(s);
    return w.__pwned === true;
  });
  expect(ran).toBe(false);
});
