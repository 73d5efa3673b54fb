import { expect, test, type BrowserContext, type WebSocketRoute } from '@playwright/test';
import { createTestimony, login, personPage } from './helpers.ts';
import { mark, markStates, openReview, propose } from './review-helpers.ts';

/*
 * A desk loses its network while another keeps working; when it comes back it must show exactly
 * what the server holds, without a reload (the store rejoins and replays or re-snapshots).
 */

// The engine suggests "Daoud" (person) and "Qarnabad" (place) here; B decides both and adds one.
const BODY =
  'The weather was cold and the road was long, and nobody spoke during the night.\n\nIn the morning the rain stopped and a stranger called Daoud walked us to the bus station in Qarnabad.';

/**
 * Chromium's offline emulation (`setOffline`) fails new requests but leaves an open WebSocket
 * alone, so the app would never notice. Every socket of this context therefore goes through a
 * Playwright WebSocket route that the test can cut like a dropped link: both ends are closed,
 * and while the network is down new sockets are refused. Long-polling falls to `setOffline`.
 */
async function cuttableNetwork(ctx: BrowserContext): Promise<{ down: () => Promise<void>; up: () => Promise<void> }> {
  let cut = false;
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  await ctx.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (cut) {
      void ws.close({ code: 1006, reason: 'network down' }).catch(() => {});
      return;
    }
    const pair = { page: ws, server: ws.connectToServer() };
    open.add(pair);
    ws.onClose(() => open.delete(pair));
  });
  return {
    down: async () => {
      cut = true;
      await ctx.setOffline(true);
      for (const pair of open) {
        await pair.server.close().catch(() => {});
        await pair.page.close({ code: 1006, reason: 'network down' }).catch(() => {});
      }
      open.clear();
    },
    up: async () => {
      cut = false;
      await ctx.setOffline(false);
    },
  };
}

test('an editor who went offline catches up with every change made meanwhile', async ({ browser }) => {
  const actx = await browser.newContext();
  const network = await cuttableNetwork(actx);
  const a = await actx.newPage();
  await login(a, 'editor');
  const b = await personPage(browser, 'safety');
  const id = await createTestimony(a, BODY, `E2E offline ${Date.now()}`);
  await openReview(a, id);
  await openReview(b, id);
  // The engine's suggestions include Daoud and Qarnabad (it may suggest more: count what is there).
  await expect(b.getByTestId('redaction-mark').filter({ hasText: 'Daoud' })).toHaveCount(1);
  await expect(b.getByTestId('redaction-mark').filter({ hasText: 'Qarnabad' })).toHaveCount(1);
  const suggested = await b.getByTestId('redaction-mark').count();
  const before = await markStates(b);
  expect(await markStates(a)).toEqual(before);

  // A marker on A's window: if it survives, the catch-up below happened without a reload.
  await a.evaluate(() => ((window as unknown as { __noReload?: boolean }).__noReload = true));
  await network.down();
  await expect(a.getByTestId('connection-status')).toContainText('Offline');
  await expect(b.getByTestId('presence-avatar')).toHaveCount(1);

  await propose(b, 'The weather', '2');
  await expect(b.getByTestId('redaction-mark')).toHaveCount(suggested + 1);
  const daoud = b.getByTestId('redaction-mark').filter({ hasText: 'Daoud' });
  await daoud.click();
  await b.getByTestId('popover-accept').click();
  await expect(daoud).toHaveAttribute('data-state', 'accepted');
  const qarnabad = b.getByTestId('redaction-mark').filter({ hasText: 'Qarnabad' });
  await qarnabad.click();
  await b.getByTestId('popover-reject').click();
  await expect(qarnabad).toHaveAttribute('data-state', 'rejected');
  const after = await markStates(b);
  expect(after).not.toEqual(before);

  // Still cut off: A has seen none of it (otherwise this test would prove nothing about catching up).
  expect(await markStates(a)).toEqual(before);
  await expect(a.getByTestId('connection-status')).toContainText('Offline');

  await network.up();
  await expect(a.getByTestId('connection-status')).toHaveText('Live', { timeout: 20_000 });
  await expect.poll(() => markStates(a)).toEqual(after);
  const rid = await daoud.getAttribute('data-rid');
  if (!rid) throw new Error('the mark has no data-rid');
  await expect(mark(a, rid)).toHaveAttribute('data-state', 'accepted');
  await expect(b.getByTestId('presence-avatar')).toHaveCount(2);
  expect(await a.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  await Promise.all([a.context().close(), b.context().close()]);
});
