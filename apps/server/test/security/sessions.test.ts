import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, connectSocket, loginCookie, startTestServer, type TestServer } from '../harness.ts';
import { buildUser } from '../factories.ts';

let srv: TestServer;
let adminCookie: string;

beforeAll(async () => {
  srv = await startTestServer({ DESK_LOGIN_RATE_PER_MIN: '1000' });
  const admin = await buildUser(srv.app.ctx, { role: 'admin' });
  adminCookie = await loginCookie(srv.url, admin.email, admin.password);
});
afterAll(() => srv?.close());

async function loginWith(email: string, password: string, cookie?: string) {
  const res = await fetch(`${srv.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '', json: (await res.json()) as { error?: { code: string; message: string } } };
}

describe('sessions', () => {
  it('rotates the token on every login and ends the previous session', async () => {
    const u = await buildUser(srv.app.ctx);
    const first = await loginWith(u.email, u.password);
    const second = await loginWith(u.email, u.password, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await api(srv.url, '/api/auth/me', { cookie: first.cookie })).status).toBe(401);
    expect((await api(srv.url, '/api/auth/me', { cookie: second.cookie })).status).toBe(200);
  });

  it('never promotes a planted cookie (session fixation)', async () => {
    const u = await buildUser(srv.app.ctx);
    const planted = 'desk_session=attacker-chosen-token-value';
    const res = await loginWith(u.email, u.password, planted);
    expect(res.cookie).not.toBe(planted);
    expect((await api(srv.url, '/api/auth/me', { cookie: planted })).status).toBe(401);
  });

  it('expires: a session past its expiry opens neither HTTP nor a socket', async () => {
    const u = await buildUser(srv.app.ctx);
    const cookie = await loginCookie(srv.url, u.email, u.password);
    await srv.app.ctx.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = ${u.id}`);
    expect((await api(srv.url, '/api/auth/me', { cookie })).status).toBe(401);
    await expect(connectSocket(srv.url, cookie)).rejects.toThrow();
  });

  it('disabling a user closes their open sockets at once and kills the cookie', async () => {
    const u = await buildUser(srv.app.ctx);
    const cookie = await loginCookie(srv.url, u.email, u.password);
    const s = await connectSocket(srv.url, cookie);
    const revoked = new Promise<string>((res) => s.on('session.revoked', (p) => res(p.reason)));
    const closed = new Promise<void>((res) => s.on('disconnect', () => res()));
    const patch = await api(srv.url, `/api/users/${u.id}`, { method: 'PATCH', cookie: adminCookie, body: { disabled: true } });
    expect(patch.status).toBe(200);
    expect(await revoked).toMatch(/disabled/);
    await closed;
    expect(s.connected).toBe(false);
    expect((await api(srv.url, '/api/auth/me', { cookie })).status).toBe(401);
    const again = await loginWith(u.email, u.password);
    expect(again.status).toBe(403);
    expect(again.json.error?.message).toMatch(/disabled/);
  });

  it('locks an account after repeated failures with a clear message, even for the right password', async () => {
    const u = await buildUser(srv.app.ctx);
    for (let i = 0; i < 10; i++) expect((await loginWith(u.email, 'wrong-password-xx')).status).toBe(401);
    const res = await loginWith(u.email, u.password);
    expect(res.status).toBe(423);
    expect(res.json.error?.code).toBe('locked');
    expect(res.json.error?.message).toMatch(/locked for \d+ more minute/);
  });
});

describe('password policy', () => {
  it.each([
    ['too short', 'short-9ch'],
    ['too long', 'x'.repeat(201)],
  ])('refuses a %s password when creating or resetting a user', async (_label, password) => {
    const created = await api(srv.url, '/api/users', { cookie: adminCookie, body: { email: `pw-${Math.random().toString(36).slice(2)}@test.desk`, name: 'P', role: 'editor', password } });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.json)).toMatch(/password/i);
    const u = await buildUser(srv.app.ctx);
    const reset = await api(srv.url, `/api/users/${u.id}`, { method: 'PATCH', cookie: adminCookie, body: { password } });
    expect(reset.status).toBe(400);
    expect((await loginWith(u.email, u.password)).status).toBe(200);
  });

  it('explains the minimum length', async () => {
    const res = await api(srv.url, '/api/users', { cookie: adminCookie, body: { email: 'pw-min@test.desk', name: 'P', role: 'editor', password: 'short' } });
    expect(JSON.stringify(res.json.error)).toMatch(/at least 10 characters/);
  });
});

describe('login rate limit', () => {
  it('answers 429 with a clear message once an address exceeds its per-minute budget', async () => {
    const limited = await startTestServer({ DESK_LOGIN_RATE_PER_MIN: '3' });
    try {
      const statuses: number[] = [];
      let last: { error?: { code: string; message: string } } = {};
      for (let i = 0; i < 5; i++) {
        const r = await api(limited.url, '/api/auth/login', { body: { email: 'nobody@test.desk', password: 'whatever-password' } });
        statuses.push(r.status);
        last = r.json;
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(last.error?.code).toBe('rate_limited');
      expect(last.error?.message).toMatch(/wait a minute/);
    } finally {
      await limited.close();
    }
  });
});
