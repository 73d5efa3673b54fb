import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { COMMAND_NAMES, ERROR_CODES, type Ack, type CommandResult, type TestimonySnapshot } from '@desk/protocol';
import { connectSocket, emitAck, loginCookie, startTestServer, type ClientSocket, type TestServer } from '../harness.ts';
import { buildTestimony, buildUser, SAMPLE_BODY } from '../factories.ts';
import { commandCase, type Case, type Fixture } from './command-cases.ts';
import { stateHash, type Scope } from './state-hash.ts';
import { MAX_SOCKET_BYTES } from '../../src/realtime/io.ts';

/** Socket share of the 10,000-case budget (the HTTP fuzz has the rest). */
const CASES = Number(process.env.FUZZ_SOCKET_CASES ?? 6_000);
const BATCH = 50;
/**
 * A message over the socket limit is not a command the server answers: engine.io closes that
 * connection, by design (test/fuzz/oversize.test.ts). Two 30k-character mutations in one case
 * can pass it (seed -583147169 built a 70 kB one), so cases stay under it with room for framing.
 */
const fitsOneMessage = (c: Case) => JSON.stringify([c.command, c.payload]).length < MAX_SOCKET_BYTES - 1024;

let srv: TestServer;
let sockets: ClientSocket[];
let fx: Fixture;
let scope: Scope;

beforeAll(async () => {
  // The fuzzer must not be throttled.
  srv = await startTestServer({ DESK_SOCKET_RATE: '1000000', DESK_SOCKET_BURST: '1000000' });
  const ctx = srv.app.ctx;
  const users = await Promise.all((['editor', 'safety_officer', 'admin'] as const).map((role) => buildUser(ctx, { role })));
  const [editor] = users;
  if (!editor) throw new Error('no editor');
  const a = await buildTestimony(ctx, {}, editor);
  const b = await buildTestimony(ctx, {}, editor);
  sockets = await Promise.all(users.map(async (u) => connectSocket(srv.url, await loginCookie(srv.url, u.email, u.password))));
  const s = sockets[0] as ClientSocket;
  // Real rows to aim at: a proposed span and a comment, created through the same door.
  const ok = (r: Ack<CommandResult>) => expect(r.ok, JSON.stringify(r)).toBe(true);
  ok(await emitAck(s, 'redaction.propose', { commandId: randomUUID(), testimonyId: a.id, start: 4, end: 11, category: 'person' }));
  ok(await emitAck(s, 'comment.add', { commandId: randomUUID(), testimonyId: a.id, body: 'Check this name' }));
  const snap = await emitAck<Ack<TestimonySnapshot>>(s, 'testimony.join', { testimonyId: a.id });
  if (!snap.ok) throw new Error('join failed');
  const body = snap.data.body;
  fx = {
    testimonyId: a.id,
    otherTestimonyId: b.id,
    redactionId: snap.data.redactions[0]?.id ?? randomUUID(),
    commentId: snap.data.comments[0]?.id ?? randomUUID(),
    entityGroupId: snap.data.groups[0]?.id ?? randomUUID(),
    userId: editor.id,
    bodyLength: body.length,
    splitIndex: body.search(/[\uDC00-\uDFFF]/),
  };
  expect(SAMPLE_BODY.normalize('NFC')).toBe(body);
  expect(fx.splitIndex).toBeGreaterThan(0);
  // Leave the room: view events of later joins are not part of what the fuzz may change.
  await emitAck(s, 'testimony.leave', { testimonyId: a.id });
  scope = { testimonyIds: [a.id, b.id], userIds: users.map((u) => u.id), emailDomain: 'fuzz.desk' };
});
afterAll(async () => {
  for (const s of sockets ?? []) s.close();
  await srv?.close();
});

describe('socket command fuzz', () => {
  it(`answers ${CASES} hostile commands with typed errors and changes nothing`, async () => {
    const codes = new Map<string, number>();
    const byMutation = new Map<string, number>();
    let sent = 0;
    const t0 = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(commandCase(COMMAND_NAMES, fx).filter(fitsOneMessage), { minLength: BATCH, maxLength: BATCH }), async (cases: Case[]) => {
        const before = await stateHash(srv.app.ctx.db, scope);
        const answers = await Promise.all(cases.map((c, i) => emitAck<Ack<CommandResult>>(sockets[i % sockets.length] as ClientSocket, c.command, c.payload)));
        for (const [i, res] of answers.entries()) {
          const c = cases[i] as Case;
          expect(res.ok, `${c.command} ${c.mutations.join(',')} was accepted: ${JSON.stringify(c.payload).slice(0, 300)}`).toBe(false);
          if (res.ok) continue;
          expect(ERROR_CODES).toContain(res.error.code);
          expect(res.error.code, `${c.command} ${c.mutations.join(',')}`).not.toBe('internal');
          expect(JSON.stringify(res.error)).not.toMatch(/\bat .+\.ts:\d+|SELECT |INSERT |violates|relation "/);
          codes.set(res.error.code, (codes.get(res.error.code) ?? 0) + 1);
          for (const m of c.mutations) byMutation.set(m.split(':')[0] ?? m, (byMutation.get(m.split(':')[0] ?? m) ?? 0) + 1);
        }
        sent += cases.length;
        expect(sockets.every((s) => s.connected)).toBe(true);
        expect(await stateHash(srv.app.ctx.db, scope)).toBe(before);
      }),
      { numRuns: Math.ceil(CASES / BATCH), endOnFailure: true },
    );
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`socket fuzz: ${sent} cases in ${secs}s, 0 crashes, 0 internal errors, state unchanged`);
    console.log(`  error codes: ${[...codes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  mutations: ${[...byMutation].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    expect(sent).toBeGreaterThanOrEqual(CASES);
  }, 240_000);
});
