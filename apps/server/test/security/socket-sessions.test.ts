import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Ack, CommandResult } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type ClientSocket, type TestServer } from '../harness.ts';
import { buildTestimony, buildUser } from '../factories.ts';
import { waitFor } from '../realtime-client.ts';
import { sessionIdOf } from '../../src/auth/tokens.ts';

/** Resolves with the revocation reason once the server has both said why and closed the socket. */
function ended(s: ClientSocket): Promise<{ reason: string; disconnect: string }> {
  return new Promise((res) => {
    let reason = '';
    s.on('session.revoked', (p) => (reason = p.reason));
    s.on('disconnect', (d) => res({ reason, disconnect: d }));
  });
}

const comment = (s: ClientSocket, testimonyId: string) => emitAck<Ack<CommandResult>>(s, 'comment.add', { commandId: randomUUID(), testimonyId, body: 'a note' });

describe('a socket lives no longer than its session', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ DESK_SESSION_CHECK_SECONDS: '0' });
  });
  afterAll(() => srv?.close());

  it('logout closes that session’s sockets at once, and only that session’s', async () => {
    const u = await buildUser(srv.app.ctx);
    const t = await buildTestimony(srv.app.ctx, {}, u);
    const cookie = await loginCookie(srv.url, u.email, u.password);
    const other = await loginCookie(srv.url, u.email, u.password);
    const [a, b, c] = await Promise.all([connectSocket(srv.url, cookie), connectSocket(srv.url, cookie), connectSocket(srv.url, other)]);
    expect((await comment(a, t.id)).ok).toBe(true);
    const endA = ended(a);
    const endB = ended(b);
    expect((await api(srv.url, '/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
    expect(await endA).toEqual({ reason: 'You signed out', disconnect: 'io server disconnect' });
    expect((await endB).disconnect).toBe('io server disconnect');
    // The same person's other session (another browser) keeps working.
    expect(c.connected).toBe(true);
    expect((await comment(c, t.id)).ok).toBe(true);
    c.close();
  });

  it('refuses every command once the session is gone, even when nobody announced it', async () => {
    const u = await buildUser(srv.app.ctx);
    const t = await buildTestimony(srv.app.ctx, {}, u);
    const s = await connectSocket(srv.url, await loginCookie(srv.url, u.email, u.password));
    const end = ended(s);
    // As another process's cleanup, or a session revoked straight in the database.
    await srv.app.ctx.db.execute(sql`DELETE FROM sessions WHERE user_id = ${u.id}`);
    const before = (await srv.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM comments WHERE testimony_id = ${t.id}`)).rows[0];
    const ack = await comment(s, t.id);
    expect(ack).toEqual({ ok: false, error: { code: 'unauthenticated', message: expect.any(String) } });
    expect((await end).disconnect).toBe('io server disconnect');
    const after = (await srv.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM comments WHERE testimony_id = ${t.id}`)).rows[0];
    expect(after).toEqual(before);
  });

  it('caps the sockets of one session, counting parallel handshakes exactly', async () => {
    const capped = await startTestServer({ DESK_MAX_SOCKETS_PER_SESSION: '3' });
    try {
      const u = await buildUser(capped.app.ctx);
      const cookie = await loginCookie(capped.url, u.email, u.password);
      const tries = await Promise.allSettled(Array.from({ length: 8 }, () => connectSocket(capped.url, cookie)));
      const open = tries.filter((r) => r.status === 'fulfilled');
      expect(open).toHaveLength(3);
      for (const r of tries) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/too many connections/);
      // A closed socket frees its place; another session has its own.
      const first = open[0]?.value as ClientSocket;
      const gone = new Promise((res) => first.on('disconnect', res));
      first.close();
      await gone;
      const room = `session:${sessionIdOf(cookie.slice(cookie.indexOf('=') + 1))}`;
      await waitFor(() => (capped.app.io.of('/').adapter.rooms.get(room)?.size ?? 0) < 3, 'the server to see the close');
      const again = await connectSocket(capped.url, cookie);
      again.close();
      const second = await connectSocket(capped.url, await loginCookie(capped.url, u.email, u.password));
      second.close();
      for (const r of open.slice(1)) (r.value as ClientSocket).close();
    } finally {
      await capped.close();
    }
  });
});

describe('session expiry', () => {
  it('closes the socket the moment the session expires', async () => {
    // 0.0005 h = 1.8 s
    const srv = await startTestServer({ DESK_SESSION_HOURS: '0.0005' });
    try {
      const u = await buildUser(srv.app.ctx);
      const s = await connectSocket(srv.url, await loginCookie(srv.url, u.email, u.password));
      const end = await ended(s);
      expect(end).toEqual({ reason: expect.stringMatching(/expired/), disconnect: 'io server disconnect' });
    } finally {
      await srv.close();
    }
  });
});

describe('logout across processes', () => {
  it('closes the session’s socket held by another server process', async () => {
    const a = await startTestServer({ DESK_REALTIME_ADAPTER: 'postgres' });
    const b = await startTestServer({ DESK_REALTIME_ADAPTER: 'postgres' });
    try {
      const ready = async () => {
        while ((await b.app.io.of('/').adapter.serverCount()) < 2) await new Promise((r) => setTimeout(r, 50));
      };
      await ready();
      const u = await buildUser(a.app.ctx);
      const cookie = await loginCookie(a.url, u.email, u.password);
      const s = await connectSocket(b.url, cookie);
      const end = ended(s);
      expect((await api(a.url, '/api/auth/logout', { method: 'POST', cookie })).status).toBe(204);
      expect(await end).toEqual({ reason: 'You signed out', disconnect: 'io server disconnect' });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('one command budget for both doors', () => {
  it('limits REST commands per user and shares the allowance with the socket', async () => {
    const slow = await startTestServer({ DESK_SOCKET_RATE: '0.01', DESK_SOCKET_BURST: '4' });
    try {
      const u = await buildUser(slow.app.ctx);
      const t = await buildTestimony(slow.app.ctx, {}, u);
      const cookie = await loginCookie(slow.url, u.email, u.password);
      const s = await connectSocket(slow.url, cookie);
      expect((await comment(s, t.id)).ok).toBe(true);
      const rest = await Promise.all(
        Array.from({ length: 6 }, () => api(slow.url, `/api/testimonies/${t.id}/commands/comment.add`, { cookie, body: { commandId: randomUUID(), body: 'x' } })),
      );
      expect(rest.map((r) => r.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
      expect(rest.find((r) => r.status === 429)?.json.error?.code).toBe('rate_limited');
      expect(await comment(s, t.id)).toEqual({ ok: false, error: { code: 'rate_limited', message: expect.any(String) } });
      const count = (await slow.app.ctx.db.execute(sql`SELECT count(*)::int AS n FROM comments WHERE testimony_id = ${t.id}`)).rows[0];
      expect(count).toEqual({ n: 4 });
      s.close();
    } finally {
      await slow.close();
    }
  });
});
