import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb, type DbHandle } from '@desk/db';
import type { TestimonySummary } from '@desk/protocol';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createLogger } from '../../apps/server/src/logger.ts';
import { silentPublisher } from '../../apps/server/src/commands/context.ts';
import { createUser } from '../../apps/server/src/commands/users.commands.ts';
import { api, loginCookie } from '../../apps/server/test/harness.ts';
// Brings the `databaseUrl` that the shared global setup provides into the type of inject().
import type {} from '../../apps/server/test/global-setup.ts';
import { DeskClient, ok, waitFor } from '../../apps/server/test/realtime-client.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
type Node = { url: string; proc: ChildProcess; log: string[] };

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/** One real server process, as production runs it. */
async function startNode(databaseUrl: string): Promise<Node> {
  const port = await freePort();
  const log: string[] = [];
  const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DESK_DEMO: '0', LOG_LEVEL: 'warn', DESK_LOGIN_RATE_PER_MIN: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${log.join('')}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, proc, log };
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`server did not start: ${log.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let db: DbHandle;
let a: Node;
let b: Node;
const users: Record<string, { id: string; email: string; password: string; name: string; role: 'editor' | 'safety_officer' | 'admin' }> = {};

beforeAll(async () => {
  const url = inject('databaseUrl');
  db = createDb(url, { max: 2 });
  const ctx = { db: db.db, config: loadConfig({}), logger: createLogger('silent'), publish: silentPublisher };
  for (const [key, role] of [['alice', 'editor'], ['bob', 'safety_officer'], ['root', 'admin']] as const) {
    const password = 'scale-out-password';
    const u = await createUser(ctx, null, { email: `${key}-${Date.now()}@scale.test`, name: key, role, password });
    users[key] = { id: u.id, email: u.email, password, name: u.name, role };
  }
  [a, b] = await Promise.all([startNode(url), startNode(url)]);
});

afterAll(async () => {
  for (const n of [a, b]) n?.proc.kill('SIGTERM');
  await Promise.all([a, b].map((n) => n && n.proc.exitCode === null && new Promise((r) => n.proc.once('exit', r))));
  await db?.close();
});

describe('two server processes on one database', () => {
  let t: TestimonySummary;

  it('share a testimony room: each client sees the other’s changes, in sequence order', async () => {
    const cookie = await loginCookie(a.url, users.alice!.email, users.alice!.password);
    const created = await api(a.url, '/api/testimonies', { cookie, body: { title: 'Scale-out', language: 'en', body: 'Samir met Élodie in Gaziantep after a long night; محمد waited in Kafr Nadeem. 🕊️' } });
    expect(created.status).toBe(201);
    t = created.json.testimony as TestimonySummary;

    const onA = await DeskClient.open(a.url, users.alice!, t.id);
    const onB = await DeskClient.open(b.url, users.bob!, t.id);
    const from = Math.max(onA.seq, onB.seq);
    const sends = [];
    for (let i = 0; i < 20; i++) {
      sends.push(onA.command('redaction.propose', { start: i, end: i + 3, category: 'person' }));
      sends.push(onB.command('redaction.propose', { start: 20 + i, end: 22 + i, category: 'place' }));
    }
    const seqs = (await Promise.all(sends)).map((r) => ok(r).seq);
    const last = Math.max(...seqs);
    await waitFor(() => onA.seq >= last && onB.seq >= last, 'both clients to see all 40 proposals', 20_000);

    for (const c of [onA, onB]) {
      const applied = c.events.filter((e) => e.seq > from).map((e) => e.seq);
      expect(applied).toEqual(applied.map((_, i) => from + 1 + i));
      const proposals = c.events.filter((e) => e.type === 'redaction.proposed');
      expect(proposals.filter((e) => e.actor?.id === users.alice!.id)).toHaveLength(20);
      expect(proposals.filter((e) => e.actor?.id === users.bob!.id)).toHaveLength(20);
    }
    expect(onA.hash()).toBe(onB.hash());

    // Presence spans the processes too.
    await waitFor(() => onA.presence.length === 2 && onB.presence.length === 2, 'presence across nodes', 10_000);
    expect(onA.presence.map((m) => m.user.id).sort()).toEqual([users.alice!.id, users.bob!.id].sort());

    // A conflict decided on one node is reported to the person on the other.
    const r = [...onA.redactions.values()].find((x) => x.source === 'user')!;
    const [x, y] = await Promise.all([
      onA.command('redaction.decide', { redactionId: r.id, decision: 'accepted', expectedRev: r.rev }),
      onB.command('redaction.decide', { redactionId: r.id, decision: 'rejected', expectedRev: r.rev }),
    ]);
    const loser = ok(x).seq < ok(y).seq ? onA : onB;
    await waitFor(() => loser.notices.length === 1, 'conflict notice across nodes', 10_000);

    onA.close();
    onB.close();
  });

  it('closes a disabled user’s socket on the other process at once', async () => {
    const onB = await DeskClient.open(b.url, users.bob!, t.id);
    const reasons: string[] = [];
    onB.socket.on('disconnect', (reason) => reasons.push(reason));
    const rootCookie = await loginCookie(a.url, users.root!.email, users.root!.password);
    const res = await api(a.url, `/api/users/${users.bob!.id}`, { method: 'PATCH', cookie: rootCookie, body: { disabled: true } });
    expect(res.status).toBe(200);
    await waitFor(() => reasons.length === 1, 'disconnect on node B', 10_000);
    expect(reasons).toEqual(['io server disconnect']);
  });
});
