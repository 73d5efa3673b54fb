import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Ack, CommandResult } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type TestServer } from '../harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from '../factories.ts';
import { createLogger } from '../../src/logger.ts';

const lines: string[] = [];
const logger = createLogger(
  'trace',
  new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  }),
);
const MARKER = 'UNSTORABLE-MARKER';

let srv: TestServer;
let admin: BuiltUser;
let adminCookie: string;

beforeAll(async () => {
  srv = await startTestServer({}, { logger });
  admin = await buildUser(srv.app.ctx, { role: 'admin' });
  adminCookie = await loginCookie(srv.url, admin.email, admin.password);
});
afterAll(() => srv?.close());

const count = async (q: ReturnType<typeof sql>) => (await srv.app.ctx.db.execute<{ n: number }>(q)).rows[0]?.n;

describe('characters Postgres or UTF-8 cannot hold are refused at the door', () => {
  it.each([
    ['NUL', `${MARKER} a\u0000bc`, /U\+0000/],
    ['a lone high surrogate', `${MARKER} a\uD83Dbc`, /lone surrogate/],
    ['a lone low surrogate', `${MARKER} \uDC00abc`, /lone surrogate/],
  ])('a testimony body with %s gets a typed 400 naming the field; nothing stored, nothing logged', async (_l, body, message) => {
    const before = await count(sql`SELECT count(*)::int AS n FROM testimonies`);
    const res = await api(srv.url, '/api/testimonies', { cookie: adminCookie, body: { title: 'NUL test', language: 'en', body } });
    expect(res.status).toBe(400);
    expect(res.json.error).toEqual({ code: 'bad_request', message: 'Invalid input', details: [{ path: 'body', message: expect.stringMatching(message) }] });
    expect(await count(sql`SELECT count(*)::int AS n FROM testimonies`)).toBe(before);
    expect(lines.join('')).not.toContain(MARKER);
  });

  it.each(['title', 'sourceNote'])('a %s with NUL is refused the same way', async (field) => {
    const res = await api(srv.url, '/api/testimonies', { cookie: adminCookie, body: { title: 'ok', language: 'en', body: 'Samir.', [field]: `${MARKER}\u0000` } });
    expect(res.status).toBe(400);
    expect((res.json.error as { details?: unknown } | undefined)?.details).toEqual([{ path: field, message: expect.stringMatching(/U\+0000/) }]);
  });

  it('a user name with NUL is refused and no password hash reaches the log', async () => {
    const res = await api(srv.url, '/api/users', { cookie: adminCookie, body: { email: `nul-${randomUUID().slice(0, 6)}@test.desk`, name: 'A\u0000B', role: 'editor', password: 'long-enough-password' } });
    expect(res.status).toBe(400);
    expect((res.json.error as { details?: unknown } | undefined)?.details).toEqual([{ path: 'name', message: expect.stringMatching(/U\+0000/) }]);
    expect(lines.join('')).not.toMatch(/argon2/);
  });

  it('comments and reasons over the socket and the REST command door are refused too', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, admin);
    const s = await connectSocket(srv.url, adminCookie);
    const ack = await emitAck<Ack<CommandResult>>(s, 'comment.add', { commandId: randomUUID(), testimonyId: t.id, body: `${MARKER}\u0000` });
    expect(ack).toEqual({ ok: false, error: { code: 'bad_request', message: 'Invalid input', details: [{ path: 'body', message: expect.stringMatching(/U\+0000/) }] } });
    const rest = await api(srv.url, `/api/testimonies/${t.id}/commands/comment.add`, { cookie: adminCookie, body: { commandId: randomUUID(), body: `x\uD800` } });
    expect(rest.status).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM comments WHERE testimony_id = ${t.id}`)).toBe(0);
    s.close();
  });

  it('keeps every other character exactly (Arabic, accents, emoji, controls Postgres accepts)', async () => {
    const body = 'قال سمير 🕊️ Élodie\tcafé\u0001\u202E';
    const res = await api(srv.url, '/api/testimonies', { cookie: adminCookie, body: { title: 'exact', language: 'ar', body } });
    expect(res.status).toBe(201);
    const id = (res.json.testimony as { id: string }).id;
    expect(((await api(srv.url, `/api/testimonies/${id}`, { cookie: adminCookie })).json as { body: string }).body).toBe(body);
  });
});

describe('error records carry no query parameters', () => {
  it('a failed query is logged with its code, not its parameters or the driver message quoting them', async () => {
    let caught: unknown;
    try {
      await srv.app.ctx.db.execute(sql`SELECT ${`${MARKER}-param`}::uuid`);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    logger.error({ err: caught }, 'unhandled error');
    logger.error(caught as Error);
    const record = lines.filter((l) => l.includes('"err"')).at(-1) ?? '';
    expect(record).toContain('"code":"22P02"');
    expect(lines.join('')).not.toContain(MARKER);
  });
});
