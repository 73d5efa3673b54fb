import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { io as ioClient } from 'socket.io-client';
import { presenceColor, type Ack, type QueueViewer } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { DeskClient, ok, waitFor } from './realtime-client.ts';

let srv: TestServer;
let ed: BuiltUser;
let so: BuiltUser;
let admin: BuiltUser;

beforeAll(async () => {
  srv = await startTestServer();
  ed = await buildUser(srv.app.ctx, { role: 'editor', name: 'Ed' });
  so = await buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Sol' });
  admin = await buildUser(srv.app.ctx, { role: 'admin', name: 'Adm' });
});
afterAll(() => srv.close());

describe('presence', () => {
  it('shows who is here with a stable colour, what they select, and drops them on leave and disconnect', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, ed);
    const a = await DeskClient.open(srv.url, ed, t.id);
    const b = await DeskClient.open(srv.url, so, t.id);
    await waitFor(() => a.presence.length === 2, 'two members');
    expect(a.presence.map((m) => [m.user.name, m.color])).toEqual([
      ['Ed', presenceColor(ed.id)],
      ['Sol', presenceColor(so.id)],
    ]);
    expect(a.presence[1]).toMatchObject({ selection: null, paragraph: null, idle: false, user: { id: so.id, role: 'safety_officer' } });

    ok(await emitAck<Ack<null>>(b.socket, 'presence.update', { testimonyId: t.id, selection: { start: 4, end: 9 }, paragraph: 1, idle: false }));
    await waitFor(() => a.presence.find((m) => m.user.id === so.id)?.selection?.start === 4, 'selection');
    expect(a.presence.find((m) => m.user.id === so.id)).toMatchObject({ selection: { start: 4, end: 9 }, paragraph: 1 });

    ok(await emitAck<Ack<null>>(b.socket, 'presence.update', { testimonyId: t.id, selection: null, paragraph: 1, idle: true }));
    await waitFor(() => a.presence.find((m) => m.user.id === so.id)?.idle === true, 'idle');

    ok(await emitAck<Ack<null>>(b.socket, 'testimony.leave', { testimonyId: t.id }));
    await waitFor(() => a.presence.length === 1, 'leave');
    await b.join();
    await waitFor(() => a.presence.length === 2, 'rejoin');
    b.close();
    await waitFor(() => a.presence.length === 1 && a.presence[0]?.user.id === ed.id, 'disconnect');
    a.close();
  });

  it('coalesces a burst of selection changes into a few broadcasts ending with the last state', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, ed);
    const a = await DeskClient.open(srv.url, ed, t.id);
    const b = await DeskClient.open(srv.url, so, t.id);
    await waitFor(() => a.presence.length === 2, 'two members');
    await new Promise((r) => setTimeout(r, 150));
    let broadcasts = 0;
    a.socket.on('presence.state', () => broadcasts++);
    const started = Date.now();
    for (let i = 0; i < 50; i++) b.socket.emit('presence.update', { testimonyId: t.id, selection: { start: i, end: i + 1 }, paragraph: 0, idle: false });
    await waitFor(() => a.presence.find((m) => m.user.id === so.id)?.selection?.start === 49, 'last selection');
    await new Promise((r) => setTimeout(r, 250));
    const elapsed = Date.now() - started;
    // At most one broadcast per 100 ms, plus the one that may start at once.
    expect(broadcasts).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    expect(broadcasts).toBeLessThan(10);
    a.close();
    b.close();
  });

  it('refuses presence for a room the socket has not joined, and validates the payload', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, ed);
    const s = await connectSocket(srv.url, await loginCookie(srv.url, ed.email, ed.password));
    expect(await emitAck(s, 'presence.update', { testimonyId: t.id, selection: null, paragraph: null, idle: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await emitAck(s, 'presence.update', { testimonyId: t.id, selection: { start: -1, end: 2 }, paragraph: null, idle: 'no' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    s.close();
  });

  it('tells the dashboard who is on which testimony', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, ed);
    const dash = await connectSocket(srv.url, await loginCookie(srv.url, admin.email, admin.password));
    let viewers: Record<string, QueueViewer[]> = {};
    dash.on('queue.presence', (p) => (viewers = p.viewers));
    ok(await emitAck<Ack<null>>(dash, 'queue.subscribe', {}));
    const a = await DeskClient.open(srv.url, ed, t.id);
    await waitFor(() => viewers[t.id]?.some((v) => v.user.id === ed.id) === true, 'viewer listed', 5_000);
    expect(viewers[t.id]).toEqual([{ user: { id: ed.id, name: 'Ed', role: 'editor' }, color: presenceColor(ed.id) }]);
    a.close();
    await waitFor(() => !viewers[t.id], 'viewer gone', 5_000);
    dash.close();
  });
});

describe('socket security', () => {
  it('refuses a cross-site handshake even with a valid session cookie', async () => {
    const cookie = await loginCookie(srv.url, ed.email, ed.password);
    for (const transports of [['websocket'], ['polling']] as const) {
      const s = ioClient(srv.url, { transports: [...transports], extraHeaders: { cookie, origin: 'https://evil.example' }, reconnection: false, forceNew: true });
      const err = await new Promise<Error>((res) => s.once('connect_error', res));
      expect(err).toBeInstanceOf(Error);
      expect(s.connected).toBe(false);
      s.close();
    }
  });

  it('closes every open socket of a user the moment an admin disables them', async () => {
    const victim = await buildUser(srv.app.ctx, { role: 'editor' });
    const t = await buildTestimony(srv.app.ctx, {}, ed);
    const victimCookie = await loginCookie(srv.url, victim.email, victim.password);
    const tabs = [new DeskClient(await connectSocket(srv.url, victimCookie), victim, t.id), new DeskClient(await connectSocket(srv.url, victimCookie), victim, t.id)];
    for (const c of tabs) await c.join();
    const revoked: string[] = [];
    const closed: string[] = [];
    for (const c of tabs) {
      c.socket.on('session.revoked', (p) => revoked.push(p.reason));
      c.socket.on('disconnect', (reason) => closed.push(reason));
    }
    const cookie = await loginCookie(srv.url, admin.email, admin.password);
    expect((await api(srv.url, `/api/users/${victim.id}`, { method: 'PATCH', cookie, body: { disabled: true } })).status).toBe(200);
    await waitFor(() => closed.length === 2, 'both sockets closed', 3_000);
    expect(closed).toEqual(['io server disconnect', 'io server disconnect']);
    expect(revoked).toEqual(['Your account was disabled', 'Your account was disabled']);
    // And the old cookie cannot open a new socket.
    await expect(connectSocket(srv.url, victimCookie)).rejects.toThrow('unauthenticated');
  });

  it('rate-limits each user with a typed error, without applying the refused command', async () => {
    const slow = await startTestServer({ DESK_SOCKET_RATE: '1', DESK_SOCKET_BURST: '3' });
    try {
      const t = await buildTestimony(slow.app.ctx, {}, ed);
      const s = await connectSocket(slow.url, await loginCookie(slow.url, ed.email, ed.password));
      const acks = [];
      for (let i = 0; i < 5; i++) {
        acks.push(await emitAck<Ack<unknown>>(s, 'comment.add', { commandId: randomUUID(), testimonyId: t.id, body: `note ${i}` }));
      }
      expect(acks.filter((a) => a.ok)).toHaveLength(3);
      expect(acks.slice(3)).toEqual([
        { ok: false, error: { code: 'rate_limited', message: expect.any(String) } },
        { ok: false, error: { code: 'rate_limited', message: expect.any(String) } },
      ]);
      const snap = await api(slow.url, `/api/testimonies/${t.id}`, { cookie: await loginCookie(slow.url, ed.email, ed.password) });
      expect((snap.json.comments as unknown[]).length).toBe(3);
      s.close();
    } finally {
      await slow.close();
    }
  });
});
