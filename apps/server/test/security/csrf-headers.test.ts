import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { sql } from 'drizzle-orm';
import { api, connectSocket, loginCookie, startTestServer, type TestServer } from '../harness.ts';
import { buildUser, type BuiltUser } from '../factories.ts';

let srv: TestServer;
let editor: BuiltUser;
let cookie: string;

beforeAll(async () => {
  srv = await startTestServer();
  editor = await buildUser(srv.app.ctx, { role: 'editor' });
  cookie = await loginCookie(srv.url, editor.email, editor.password);
});
afterAll(() => srv?.close());

const countTitled = async (title: string) =>
  Number((await srv.app.ctx.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM testimonies WHERE title = ${title}`)).rows[0]?.n);

describe('security headers', () => {
  it('sets helmet headers and a locked-down CSP on /api', async () => {
    const res = await api(srv.url, '/api/auth/me', { cookie });
    const h = res.headers;
    expect(h.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(h.get('content-security-policy')).toMatch(/frame-ancestors 'self'|frame-ancestors 'none'/);
    expect(h.get('content-security-policy')).toMatch(/object-src 'none'/);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toMatch(/SAMEORIGIN|DENY/);
    expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('x-powered-by')).toBeNull();
  });

  it('sets the same protections outside /api (the web app adds its own CSP)', async () => {
    const res = await fetch(`${srv.url}/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toMatch(/SAMEORIGIN|DENY/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('issues the session cookie HttpOnly and SameSite=Lax', async () => {
    const res = await fetch(`${srv.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: editor.email, password: editor.password }) });
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Path=\//);
  });
});

describe('CSRF: cookie-authenticated state changes from a foreign origin', () => {
  const body = (title: string) => ({ title, language: 'en', body: 'Samir hid in Kafr Nadeem.' });

  it.each(['https://evil.example', 'null', 'http://127.0.0.1.evil.example', 'http://localhost:1'])('refuses a JSON fetch from %s and changes nothing', async (origin) => {
    const title = `csrf-${Math.random()}`;
    const res = await api(srv.url, '/api/testimonies', { cookie, body: body(title), headers: { origin } });
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe('forbidden');
    expect(await countTitled(title)).toBe(0);
  });

  it('refuses a classic form post (no preflight) from a foreign origin', async () => {
    const res = await fetch(`${srv.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(res.status).toBe(403);
    // The session survived the forged logout.
    expect((await api(srv.url, '/api/auth/me', { cookie })).status).toBe(200);
  });

  it('accepts the same request from our own origin', async () => {
    const title = `same-origin-${Math.random()}`;
    const res = await api(srv.url, '/api/testimonies', { cookie, body: body(title), headers: { origin: srv.url } });
    expect(res.status).toBe(201);
    expect(await countTitled(title)).toBe(1);
  });

  it('refuses a socket handshake from a foreign origin even with a valid cookie', async () => {
    const s = ioClient(srv.url, { transports: ['websocket'], extraHeaders: { cookie, origin: 'https://evil.example' }, reconnection: false, forceNew: true });
    const outcome = await new Promise<string>((res) => {
      s.once('connect', () => res('connected'));
      s.once('connect_error', () => res('refused'));
    });
    s.close();
    expect(outcome).toBe('refused');
    // Polling transport goes through the same allowRequest check.
    const poll = await fetch(`${srv.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie, origin: 'https://evil.example' } });
    expect(poll.status).toBeGreaterThanOrEqual(400);
    const ok = await connectSocket(srv.url, cookie);
    expect(ok.connected).toBe(true);
    ok.close();
  });
});
