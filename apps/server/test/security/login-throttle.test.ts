import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, loginCookie, startTestServer, type TestServer } from '../harness.ts';
import { buildUser } from '../factories.ts';
import { emailKeyOf } from '../../src/commands/auth.commands.ts';

let srv: TestServer;
let adminCookie: string;

beforeAll(async () => {
  // A trusted local proxy, so each test can speak from its own client addresses.
  srv = await startTestServer({ DESK_TRUST_PROXY: 'loopback' });
  const admin = await buildUser(srv.app.ctx, { role: 'admin' });
  adminCookie = await loginCookie(srv.url, admin.email, admin.password);
});
afterAll(() => srv?.close());

let nextIp = 10;
const freshSource = () => `198.51.100.${nextIp++}`;

const login = (email: string, password: string, source: string) =>
  api(srv.url, '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': source } });

/** What a client can observe of an answer, minus what varies by the clock. */
const observable = (r: Awaited<ReturnType<typeof login>>) => ({
  status: r.status,
  body: r.json,
  cookie: r.headers.get('set-cookie'),
  headers: [...r.headers.keys()].filter((k) => !['date', 'ratelimit', 'ratelimit-policy'].includes(k)).sort(),
});

describe('failed sign-ins are counted atomically', () => {
  it('19 parallel wrong passwords lock the account for that source; the right one is then refused', async () => {
    const u = await buildUser(srv.app.ctx);
    const source = freshSource();
    const answers = await Promise.all(Array.from({ length: 19 }, () => login(u.email, 'wrong-password-xx', source)));
    expect(answers.every((a) => a.status === 401 || a.status === 423)).toBe(true);
    const row = (await srv.app.ctx.db.execute(sql`SELECT failures FROM login_throttle WHERE email_key = ${emailKeyOf(u.email)} AND source = ${source}`)).rows[0];
    expect(row).toEqual({ failures: answers.filter((a) => a.status === 401).length });
    expect((row as { failures: number }).failures).toBeGreaterThanOrEqual(10);
    const right = await login(u.email, u.password, source);
    expect(right.status).toBe(423);
    expect(right.json.error?.code).toBe('locked');
  });
});

describe('accounts cannot be enumerated through sign-in', () => {
  it('an unknown email and a real one answer alike, failure after failure, lock included', async () => {
    const u = await buildUser(srv.app.ctx);
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    const [s1, s2] = [freshSource(), freshSource()];
    for (let i = 0; i < 11; i++) {
      known.push(observable(await login(u.email, 'wrong-password-xx', s1)));
      unknown.push(observable(await login(`nobody-${u.id}@test.desk`, 'wrong-password-xx', s2)));
    }
    expect(unknown).toEqual(known);
    expect((known.at(-1) as { status: number }).status).toBe(423);
  });

  it('a disabled account answers a wrong password like any other; only the right one says disabled', async () => {
    const u = await buildUser(srv.app.ctx);
    expect((await api(srv.url, `/api/users/${u.id}`, { method: 'PATCH', cookie: adminCookie, body: { disabled: true } })).status).toBe(200);
    const disabled = observable(await login(u.email, 'wrong-password-xx', freshSource()));
    const missing = observable(await login(`ghost-${u.id}@test.desk`, 'wrong-password-xx', freshSource()));
    expect(disabled).toEqual(missing);
    const right = await login(u.email, u.password, freshSource());
    expect(right.status).toBe(403);
    expect(right.json.error?.message).toMatch(/disabled/);
  });
});

describe('the lock is per account and source, backs off, and an admin reset clears it', () => {
  it('a stranger’s guesses do not lock the owner out from elsewhere', async () => {
    const u = await buildUser(srv.app.ctx);
    const attacker = freshSource();
    for (let i = 0; i < 10; i++) await login(u.email, 'wrong-password-xx', attacker);
    expect((await login(u.email, u.password, attacker)).status).toBe(423);
    expect((await login(u.email, u.password, freshSource())).status).toBe(200);
  });

  it('waits longer after each further failure once the limit is reached', async () => {
    const u = await buildUser(srv.app.ctx);
    const source = freshSource();
    for (let i = 0; i < 10; i++) await login(u.email, 'wrong-password-xx', source);
    expect((await login(u.email, u.password, source)).json.error?.message).toMatch(/locked for 1 more minute/);
    // The first wait is over; the next failure waits twice as long.
    await srv.app.ctx.db.execute(sql`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE source = ${source}`);
    expect((await login(u.email, 'wrong-password-xx', source)).status).toBe(401);
    expect((await login(u.email, u.password, source)).json.error?.message).toMatch(/locked for 2 more minute/);
  });

  it('an admin password reset lets the user in at once, from the locked source too', async () => {
    const u = await buildUser(srv.app.ctx);
    const source = freshSource();
    for (let i = 0; i < 10; i++) await login(u.email, 'wrong-password-xx', source);
    expect((await login(u.email, u.password, source)).status).toBe(423);
    const reset = await api(srv.url, `/api/users/${u.id}`, { method: 'PATCH', cookie: adminCookie, body: { password: 'a-brand-new-password' } });
    expect(reset.status).toBe(200);
    expect((await login(u.email, 'a-brand-new-password', source)).status).toBe(200);
  });
});
