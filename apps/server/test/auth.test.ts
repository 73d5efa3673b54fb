import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { io as ioClient } from 'socket.io-client';
import type { Ack, CommandResult, TestimonySummary } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';

let srv: TestServer;
let admin: BuiltUser;
let editor: BuiltUser;
let testimony: TestimonySummary;

beforeAll(async () => {
  srv = await startTestServer();
  admin = await buildUser(srv.app.ctx, { role: 'admin' });
  editor = await buildUser(srv.app.ctx, { role: 'editor' });
  testimony = await buildTestimony(srv.app.ctx, {}, editor);
});
afterAll(() => srv.close());

describe('login', () => {
  it('rejects a wrong password without setting a cookie', async () => {
    const res = await api(srv.url, '/api/auth/login', { body: { email: editor.email, password: 'not-the-password' } });
    expect(res.status).toBe(401);
    expect(res.json.error?.code).toBe('unauthenticated');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('signs in, answers /me, and signs out', async () => {
    const cookie = await loginCookie(srv.url, editor.email, editor.password);
    const me = await api(srv.url, '/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect((me.json.user as { email: string }).email).toBe(editor.email);
    expect(JSON.stringify(me.json)).not.toContain('passwordHash');
    await api(srv.url, '/api/auth/logout', { method: 'POST', cookie });
    expect((await api(srv.url, '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('locks an account after repeated failures with a clear message', async () => {
    const victim = await buildUser(srv.app.ctx);
    for (let i = 0; i < 10; i++) await api(srv.url, '/api/auth/login', { body: { email: victim.email, password: 'wrong-password' } });
    const res = await api(srv.url, '/api/auth/login', { body: { email: victim.email, password: victim.password } });
    expect(res.status).toBe(423);
    expect(res.json.error?.message).toMatch(/locked/);
  });

  it('rejects malformed bodies with a typed error', async () => {
    const res = await api(srv.url, '/api/auth/login', { body: { email: 'nope', password: 3, extra: true } });
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('bad_request');
  });
});

describe('admin API', () => {
  it('denies an editor and changes nothing', async () => {
    const cookie = await loginCookie(srv.url, editor.email, editor.password);
    const email = `intruder-${randomUUID().slice(0, 6)}@test.desk`;
    const res = await api(srv.url, '/api/users', { cookie, body: { email, name: 'X', role: 'admin', password: 'long-enough-pass' } });
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe('forbidden');
    const adminCookie = await loginCookie(srv.url, admin.email, admin.password);
    const list = await api(srv.url, '/api/users', { cookie: adminCookie });
    expect((list.json.users as { email: string }[]).some((u) => u.email === email)).toBe(false);
  });

  it('lets an admin create a user who can then sign in, and disable them', async () => {
    const cookie = await loginCookie(srv.url, admin.email, admin.password);
    const email = `new-${randomUUID().slice(0, 6)}@test.desk`;
    const created = await api(srv.url, '/api/users', { cookie, body: { email, name: 'New Person', role: 'safety_officer', password: 'long-enough-pass' } });
    expect(created.status).toBe(201);
    const userCookie = await loginCookie(srv.url, email, 'long-enough-pass');
    const id = (created.json.user as { id: string }).id;
    const patched = await api(srv.url, `/api/users/${id}`, { method: 'PATCH', cookie, body: { disabled: true } });
    expect(patched.status).toBe(200);
    expect((await api(srv.url, '/api/auth/me', { cookie: userCookie })).status).toBe(401);
  });

  it('refuses a cross-origin state change', async () => {
    const cookie = await loginCookie(srv.url, admin.email, admin.password);
    const res = await api(srv.url, '/api/users', {
      cookie,
      headers: { origin: 'https://evil.example' },
      body: { email: 'x@y.z', name: 'X', role: 'editor', password: 'long-enough-pass' },
    });
    expect(res.status).toBe(403);
  });
});

describe('socket authorisation', () => {
  it('refuses a handshake without a session', async () => {
    const s = ioClient(srv.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const err = await new Promise<Error>((res) => s.once('connect_error', res));
    expect(err.message).toBe('unauthenticated');
    s.close();
  });

  it('denies a forbidden command with a typed error and changes nothing', async () => {
    const cookie = await loginCookie(srv.url, admin.email, admin.password);
    const s = await connectSocket(srv.url, cookie);
    const before = await api(srv.url, '/api/testimonies/' + testimony.id, { cookie });
    const ack = await emitAck<Ack<CommandResult>>(s, 'redaction.propose', {
      commandId: randomUUID(),
      testimonyId: testimony.id,
      start: 0,
      end: 3,
      category: 'person',
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const after = await api(srv.url, '/api/testimonies/' + testimony.id, { cookie });
    expect((after.json.redactions as unknown[]).length).toBe((before.json.redactions as unknown[]).length);
    s.close();
  });

  it('answers a malformed command with bad_request', async () => {
    const cookie = await loginCookie(srv.url, editor.email, editor.password);
    const s = await connectSocket(srv.url, cookie);
    const ack = await emitAck<Ack<CommandResult>>(s, 'redaction.propose', { testimonyId: 'x', start: -1 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    s.close();
  });
});
