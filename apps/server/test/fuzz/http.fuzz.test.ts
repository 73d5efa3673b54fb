import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_CODES } from '@desk/protocol';
import { loginCookie, startTestServer, type TestServer } from '../harness.ts';
import { buildTestimony, buildUser } from '../factories.ts';
import { httpCase, type Cookies, type HttpCase } from './http-cases.ts';
import { ROUTES } from './routes.ts';
import { stateHash, type Scope } from './state-hash.ts';
import { LEAK } from './hostile.ts';

/** HTTP share of the 10,000-case budget (the socket fuzz has the rest). */
const CASES = Number(process.env.FUZZ_HTTP_CASES ?? 4_000);
const BATCH = 25;

let srv: TestServer;
let cookies: Cookies;
let scope: Scope;

beforeAll(async () => {
  srv = await startTestServer({ DESK_LOGIN_RATE_PER_MIN: '1000000' });
  const ctx = srv.app.ctx;
  const [admin, editor, target] = await Promise.all([buildUser(ctx, { role: 'admin' }), buildUser(ctx, { role: 'editor' }), buildUser(ctx, { role: 'editor' })]);
  if (!admin || !editor || !target) throw new Error('users');
  const t = await buildTestimony(ctx, {}, editor);
  cookies = { admin: await loginCookie(srv.url, admin.email, admin.password), editor: await loginCookie(srv.url, editor.email, editor.password), targetUserId: target.id };
  scope = { testimonyIds: [t.id], userIds: [admin.id, editor.id, target.id], emailDomain: 'fuzz.desk' };
});
afterAll(() => srv?.close());

async function send(c: HttpCase): Promise<{ status: number; text: string; type: string }> {
  const res = await fetch(srv.url + c.url, { method: c.method, headers: c.headers, body: c.body });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

describe('REST fuzz', () => {
  it(`answers ${CASES} hostile requests over ${ROUTES.length} routes without 5xx, leaks or changes`, async () => {
    const statuses = new Map<number, number>();
    let sent = 0;
    const t0 = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(httpCase(ROUTES, cookies), { minLength: BATCH, maxLength: BATCH }), async (cases) => {
        const before = await stateHash(srv.app.ctx.db, scope);
        const answers = await Promise.all(cases.map(send));
        for (const [i, res] of answers.entries()) {
          const c = cases[i] as HttpCase;
          const where = `${c.label} → ${res.status} ${res.text.slice(0, 200)}`;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (process.env.FUZZ_DEBUG) console.log(where.slice(0, 160));
          expect(res.status, where).toBeLessThan(500);
          expect(res.text, where).not.toMatch(LEAK);
          // Only reads (and no-op logouts) may succeed; every other request is invalid by construction.
          if (res.status < 400) {
            expect(c.mayChange, where).toBe(true);
            continue;
          }
          // Node's HTTP parser refuses oversized request lines/headers before any of our code runs.
          if (res.status === 431 || res.status === 414) continue;
          expect(res.type, where).toMatch(/application\/json/);
          const body = JSON.parse(res.text) as { error?: { code?: string } };
          expect(ERROR_CODES, where).toContain(body.error?.code);
        }
        sent += cases.length;
        expect(await stateHash(srv.app.ctx.db, scope)).toBe(before);
      }),
      { numRuns: Math.ceil(CASES / BATCH), endOnFailure: true },
    );
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`REST fuzz: ${sent} requests over ${ROUTES.length} routes in ${secs}s, 0 5xx, 0 leaks, state unchanged`);
    console.log(`  statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}×${v}`).join(', ')}`);
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200);
  }, 240_000);
});
