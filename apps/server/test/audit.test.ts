import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import pg from 'pg';
import { api, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { verifyChains } from '../src/audit/verify.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
let srv: TestServer;
let admin: BuiltUser;
let editor: BuiltUser;
let safety: BuiltUser;
let raw: pg.Client;

/** `npm run audit:verify` itself, against the test database. */
function cli(): { code: number | null; out: string } {
  const r = spawnSync('npm', ['run', '--silent', 'audit:verify'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** Simulates a superuser editing the log behind the application's back. */
async function tamper<T>(fn: () => Promise<T>): Promise<T> {
  await raw.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
  try {
    return await fn();
  } finally {
    await raw.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
  }
}

beforeAll(async () => {
  srv = await startTestServer();
  [admin, editor, safety] = await Promise.all([
    buildUser(srv.app.ctx, { role: 'admin' }),
    buildUser(srv.app.ctx, { role: 'editor', name: 'Audit Editor' }),
    buildUser(srv.app.ctx, { role: 'safety_officer' }),
  ]);
  raw = new pg.Client({ connectionString: inject('databaseUrl') });
  await raw.connect();
});
afterAll(async () => {
  await raw.end();
  await srv.close();
});

describe('audit chain verification', () => {
  it('passes on an intact database, and reports an edited payload and a deleted middle row with stream and seq', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, editor);
    const stream = `testimony:${t.id}`;
    const cookie = await loginCookie(srv.url, editor.email, editor.password);
    // A view (its own stream, views:<id>) and a comment (seq 3 of the testimony's chain).
    await api(srv.url, `/api/testimonies/${t.id}`, { cookie });
    const comment = await api(srv.url, `/api/testimonies/${t.id}/commands/comment.add`, { cookie, body: { commandId: crypto.randomUUID(), body: 'Check the mill — مطحنة' } });
    expect(comment.json).toMatchObject({ seq: 3 });
    const views = await raw.query('SELECT seq, type FROM audit_events WHERE stream = $1', [`views:${t.id}`]);
    expect(views.rows).toEqual([{ seq: 1, type: 'testimony.viewed' }]);
    expect((await verifyChains(srv.app.ctx.db)).broken).toEqual([]);
    const clean = cli();
    expect(clean.out).toMatch(/every chain is intact/);
    expect(clean.code).toBe(0);

    const { rows } = await raw.query<{ id: string; payload: unknown }>('SELECT id, payload FROM audit_events WHERE stream = $1 AND seq = 2', [stream]);
    const row = rows[0];
    if (!row) throw new Error('no seq 2');
    await tamper(() => raw.query(`UPDATE audit_events SET payload = jsonb_set(payload, '{redactions}', '[]') WHERE id = $1`, [row.id]));
    try {
      const report = await verifyChains(srv.app.ctx.db);
      expect(report.broken).toContainEqual({ stream, seq: 2, problem: expect.stringMatching(/hash does not match/) });
      const r = cli();
      expect(r.code).toBe(1);
      expect(r.out).toContain(`BROKEN stream=${stream} seq=2`);
    } finally {
      await tamper(() => raw.query('UPDATE audit_events SET payload = $2 WHERE id = $1', [row.id, JSON.stringify(row.payload)]));
    }
    expect((await verifyChains(srv.app.ctx.db)).broken).toEqual([]);

    const { rows: saved } = await raw.query('SELECT * FROM audit_events WHERE stream = $1 AND seq = 2', [stream]);
    await tamper(() => raw.query('DELETE FROM audit_events WHERE stream = $1 AND seq = 2', [stream]));
    try {
      expect((await verifyChains(srv.app.ctx.db)).broken).toContainEqual({ stream, seq: 3, problem: expect.stringMatching(/seq 2 missing/) });
      expect(cli().code).toBe(1);
    } finally {
      const s = saved[0] as Record<string, unknown>;
      const cols = Object.keys(s);
      // Put back behind the chain trigger too: the testimony's head has already moved past it.
      await raw.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_advance_chain_heads');
      await raw.query(
        `INSERT INTO audit_events (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
        cols.map((c) => (c === 'payload' ? JSON.stringify(s[c]) : s[c])),
      );
      await raw.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_advance_chain_heads');
    }
    expect((await verifyChains(srv.app.ctx.db)).broken).toEqual([]);
    // Three runs of the CLI (a tsx start each): a generous budget, so a slow machine cannot cut the test
    // short with the append-only trigger still disabled by `tamper` and fail the next test for it.
  }, 180_000);

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows in the database itself', async () => {
    await expect(raw.query("UPDATE audit_events SET type = 'x' WHERE id = (SELECT min(id) FROM audit_events)")).rejects.toThrow(/append-only/);
    await expect(raw.query('DELETE FROM audit_events WHERE id = (SELECT min(id) FROM audit_events)')).rejects.toThrow(/append-only/);
    await expect(raw.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });
});

describe('GET /api/audit', () => {
  it('lets admins and safety officers filter the log, and nobody else', async () => {
    const t = await buildTestimony(srv.app.ctx, {}, editor);
    const adminCookie = await loginCookie(srv.url, admin.email, admin.password);
    const res = await api(srv.url, `/api/audit?testimonyId=${t.id}&type=testimony.created`, { cookie: adminCookie });
    expect(res.status).toBe(200);
    const events = res.json.events as { type: string; seq: number; actor: { id: string } | null; testimonyId: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'testimony.created', seq: 1, testimonyId: t.id, actor: { id: editor.id } });

    const byActor = await api(srv.url, `/api/audit?actorId=${editor.id}&limit=1`, { cookie: adminCookie });
    expect((byActor.json.events as unknown[]).length).toBe(1);
    const next = byActor.json.nextBefore as number;
    const page2 = await api(srv.url, `/api/audit?actorId=${editor.id}&limit=500&before=${next}`, { cookie: adminCookie });
    expect((page2.json.events as { id: number }[]).every((e) => e.id < next)).toBe(true);

    const future = await api(srv.url, `/api/audit?from=2999-01-01`, { cookie: adminCookie });
    expect(future.json.events).toEqual([]);
    expect((await api(srv.url, '/api/audit', { cookie: await loginCookie(srv.url, safety.email, safety.password) })).status).toBe(200);
    expect((await api(srv.url, '/api/audit', { cookie: await loginCookie(srv.url, editor.email, editor.password) })).status).toBe(403);
    expect((await api(srv.url, '/api/audit?limit=100000', { cookie: adminCookie })).status).toBe(400);
  });
});
