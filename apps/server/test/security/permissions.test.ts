import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { ACTIONS, type Action } from '../../src/policy/policy.ts';
import type { Caller } from '../../src/commands/context.ts';
import { connectSocket, loginCookie, startTestServer, type ClientSocket, type TestServer } from '../harness.ts';
import { buildUser } from '../factories.ts';
import { DOORS, type Cell, type Outcome } from './permissions.doors.ts';
import { EXPECTED, PRINCIPALS, PRINCIPAL_LABELS, renderMatrix, type PrincipalKind } from './permissions.expected.ts';

const DOC = new URL('../../../../docs/SECURITY.md', import.meta.url);
const START = '<!-- permission-matrix:start -->';
const END = '<!-- permission-matrix:end -->';

let srv: TestServer;
const cells = new Map<PrincipalKind, { cookie: string | undefined; socket: ClientSocket | null }>();
let helper: Caller;

async function trySocket(cookie: string | undefined): Promise<ClientSocket | null> {
  try {
    return await connectSocket(srv.url, cookie ?? '');
  } catch {
    return null;
  }
}

beforeAll(async () => {
  srv = await startTestServer();
  const ctx = srv.app.ctx;
  const h = await buildUser(ctx, { role: 'editor' });
  helper = { id: h.id, role: h.role, disabled: false, name: h.name, sessionId: null };
  for (const role of ['admin', 'safety_officer', 'editor'] as const) {
    const u = await buildUser(ctx, { role });
    const cookie = await loginCookie(srv.url, u.email, u.password);
    cells.set(role, { cookie, socket: await trySocket(cookie) });
  }
  cells.set('anonymous', { cookie: undefined, socket: await trySocket(undefined) });
  // A disabled account whose session row is still there: the flag alone must shut every door.
  const d = await buildUser(ctx, { role: 'editor' });
  const cookie = await loginCookie(srv.url, d.email, d.password);
  await ctx.db.execute(sql`UPDATE users SET disabled = true WHERE id = ${d.id}`);
  cells.set('disabled', { cookie, socket: await trySocket(cookie) });
});
afterAll(async () => {
  for (const c of cells.values()) c.socket?.close();
  await srv?.close();
});

const mark = (o: Outcome) => ({ allowed: '✅', denied: '❌', pending: '⏳', error: '💥' })[o.kind];

describe('permission matrix', () => {
  it('has an expectation and a door for every policy action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
    for (const a of ACTIONS) expect(DOORS[a].http ?? DOORS[a].socket, a).toBeDefined();
  });

  it('docs/SECURITY.md shows exactly the tested matrix', () => {
    const doors = Object.fromEntries(ACTIONS.map((a) => [a, [DOORS[a].http?.name, DOORS[a].socket && `socket \`${DOORS[a].socket.name}\``].filter(Boolean).join(' · ')]));
    const table = `${START}\n${renderMatrix(doors)}\n${END}`;
    let doc = readFileSync(DOC, 'utf8');
    if (process.env.UPDATE_SECURITY_DOC) {
      doc = doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), table);
      writeFileSync(DOC, doc);
    }
    expect(doc, 'run with UPDATE_SECURITY_DOC=1 to regenerate the table').toContain(table);
  });

  it('holds every (principal × action) cell over HTTP and sockets', async () => {
    const lines: string[] = [];
    const failures: string[] = [];
    const pending: string[] = [];
    for (const action of ACTIONS as readonly Action[]) {
      const row: string[] = [];
      for (const p of PRINCIPALS) {
        const cell = cells.get(p);
        if (!cell) throw new Error(p);
        const want = EXPECTED[action].allowed.includes(p) ? 'allowed' : 'denied';
        const marks: string[] = [];
        for (const [via, door] of [['http', DOORS[action].http], ['socket', DOORS[action].socket]] as const) {
          if (!door) continue;
          const c: Cell = { url: srv.url, cookie: cell.cookie, socket: cell.socket, ctx: srv.app.ctx, helper };
          const got = await door.run(c);
          marks.push(`${mark(got)}${via === 'http' ? 'H' : 'S'}`);
          if (got.kind === 'pending') pending.push(`${action} via ${door.name}`);
          else if (got.kind !== want) failures.push(`${PRINCIPAL_LABELS[p]} ${action} via ${door.name}: expected ${want}, got ${got.kind} (${got.detail})`);
        }
        row.push(marks.join(' ').padEnd(8));
      }
      lines.push(`${action.padEnd(20)} ${row.join(' ')}`);
    }
    console.log(`permission matrix (H = HTTP, S = socket; ✅ allowed, ❌ denied, ⏳ pending)\n${''.padEnd(20)} ${PRINCIPALS.map((p) => p.slice(0, 8).padEnd(8)).join(' ')}\n${lines.join('\n')}`);
    if (pending.length) console.log(`pending (not served yet): ${[...new Set(pending)].join('; ')}`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses the socket handshake to the anonymous and the disabled', () => {
    expect(cells.get('anonymous')?.socket).toBeNull();
    expect(cells.get('disabled')?.socket).toBeNull();
    expect(cells.get('editor')?.socket?.connected).toBe(true);
  });
});
