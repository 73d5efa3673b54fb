import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, getTableColumns } from 'drizzle-orm';
import { createDb, schema, type DbHandle } from '@desk/db';
import type { CommandResult } from '@desk/protocol';
import { silentPublisher, type Ctx } from '../src/commands/context.ts';
import { dispatchCommand } from '../src/commands/registry.ts';
import { viewTestimony } from '../src/commands/testimonies.commands.ts';
import { verifyChains } from '../src/audit/verify.ts';
import { ACK_COLUMNS, EVENT_COLUMNS } from '../src/repo/commands.repo.ts';
import { eventsSince, viewStream } from '../src/repo/audit.repo.ts';
import { findTestimony } from '../src/repo/testimonies.repo.ts';
import { listRedactions } from '../src/repo/redactions.repo.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { callerOf } from './pipeline-helpers.ts';

// Offsets are UTF-16 indices: Arabic, accents and an emoji (two code units) before the spans.
const BODY = 'شهادة أولى — Élodie a vu 🕊️ le convoi.\n' + Array.from({ length: 40 }, (_, i) => `Line ${i}: Karim ${i} went north.`).join('\n');
const span = (needle: string) => ({ start: BODY.indexOf(needle), end: BODY.indexOf(needle) + needle.length });

let srv: TestServer;
let other: DbHandle;
let editor: BuiltUser;
let second: BuiltUser;
/** Two "processes": separate pools on one database, like two server nodes. */
let a: Ctx;
let b: Ctx;

beforeAll(async () => {
  srv = await startTestServer();
  other = createDb(inject('databaseUrl'), { max: 5 });
  a = srv.app.ctx;
  b = { ...srv.app.ctx, db: other.db, publish: silentPublisher };
  [editor, second] = await Promise.all([buildUser(a, { role: 'editor' }), buildUser(a, { role: 'editor' })]);
});

afterAll(async () => {
  await other.close();
  await srv.close();
});

const propose = (ctx: Ctx, who: BuiltUser, testimonyId: string, needle: string, commandId: string = randomUUID()) =>
  dispatchCommand(ctx, 'redaction.propose', { commandId, testimonyId, ...span(needle), category: 'person' }, callerOf(who));

async function expectIntact(testimonyId: string): Promise<void> {
  expect((await verifyChains(a.db)).broken).toEqual([]);
  const events = await eventsSince(a.db, testimonyId, 0, 10_000);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  // The database keeps the testimony's head on the last event (migration 0007's trigger).
  const t = await findTestimony(a.db, testimonyId);
  expect({ seq: t?.seq, headHash: t?.headHash }).toEqual({ seq: events.at(-1)!.seq, headHash: events.at(-1)!.hash });
}

describe('one commit path', () => {
  it('keeps seq dense and the chain whole when two processes, comments and views hit one testimony at once', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const sends: Promise<CommandResult>[] = [];
    const views: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const ctx = i % 2 === 0 ? a : b;
      sends.push(
        i % 5 === 4
          ? dispatchCommand(ctx, 'comment.add', { commandId: randomUUID(), testimonyId: t.id, body: `note ${i} — مرحبا` }, callerOf(second))
          : propose(ctx, editor, t.id, `Karim ${i} `),
      );
      if (i % 13 === 0) views.push(viewTestimony(b, callerOf(editor), t.id, 'http'));
    }
    const results = await Promise.all(sends);
    await Promise.all(views);
    expect(new Set(results.map((r) => r.seq)).size).toBe(40);
    expect((await listRedactions(a.db, t.id)).filter((r) => r.source === 'user')).toHaveLength(32);
    await expectIntact(t.id);
  });

  it('records views in their own chained stream: a view neither moves the decision chain nor waits for its lock', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const before = await findTestimony(a.db, t.id);
    // Another transaction holds the testimony's row lock, as a long command batch would.
    const holder = await other.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM testimonies WHERE id = $1 FOR NO KEY UPDATE', [t.id]);
      const snap = await viewTestimony(a, callerOf(editor), t.id, 'socket');
      expect(snap.seq).toBe(before!.seq);
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    await viewTestimony(a, callerOf(second), t.id, 'http');
    const after = await findTestimony(a.db, t.id);
    expect({ seq: after!.seq, headHash: after!.headHash }).toEqual({ seq: before!.seq, headHash: before!.headHash });
    const views = await a.db.select().from(schema.auditEvents).where(eqStream(viewStream(t.id)));
    // Both views are in the views stream with dense seqs; which one was written first is not what
    // this test is about (the first may still be writing while the second starts).
    expect(views.map((v) => v.seq).sort((x, y) => x - y)).toEqual([1, 2]);
    expect(views.every((v) => v.type === 'testimony.viewed')).toBe(true);
    expect(views.map((v) => v.actorId).sort()).toEqual([editor.id, second.id].sort());
    await expectIntact(t.id);
  });

  it('refuses, in the database, an append that does not continue the testimony chain', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const row = await findTestimony(a.db, t.id);
    const insert = (seq: number, prevHash: string) =>
      a.db.$client.query(
        `INSERT INTO audit_events (stream, seq, testimony_id, actor_id, type, payload, version, command_id, created_at, prev_hash, hash)
         VALUES ($1, $2, $3, NULL, 'comment.added', '{}', 1, NULL, now(), $4, 'x')`,
        [`testimony:${t.id}`, seq, t.id, prevHash],
      );
    await expect(insert(row!.seq + 2, row!.headHash!)).rejects.toMatchObject({ code: '23000' });
    await expect(insert(row!.seq + 1, 'f'.repeat(64))).rejects.toMatchObject({ code: '23000' });
    expect((await findTestimony(a.db, t.id))!.seq).toBe(row!.seq);
  });
});

describe('command ids are idempotency keys per caller (issue 14.6)', () => {
  it('answers a retry with the first ack, on either process', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const id = randomUUID();
    const first = await propose(a, editor, t.id, 'Karim 2 ', id);
    expect(await propose(a, editor, t.id, 'Karim 2 ', id)).toEqual({ ...first, duplicate: true });
    expect(await propose(b, editor, t.id, 'Karim 2 ', id)).toEqual({ ...first, duplicate: true });
    expect((await listRedactions(a.db, t.id)).filter((r) => r.source === 'user')).toHaveLength(1);
  });

  it('applies another user’s command with the same id, on another testimony too', async () => {
    const [t, u] = await Promise.all([buildTestimony(a, { body: BODY }, editor), buildTestimony(a, { body: BODY }, editor)]);
    const id = randomUUID();
    const mine = await propose(a, editor, t.id, 'Karim 3 ', id);
    const theirs = await propose(a, second, u.id, 'Karim 3 ', id);
    expect(theirs.duplicate).toBe(false);
    expect(mine.duplicate).toBe(false);
    expect((await listRedactions(a.db, u.id)).filter((r) => r.source === 'user')).toHaveLength(1);
  });

  it('refuses a reused id with a different payload with a typed error, and changes nothing', async () => {
    const [t, u] = await Promise.all([buildTestimony(a, { body: BODY }, editor), buildTestimony(a, { body: BODY }, editor)]);
    const id = randomUUID();
    await propose(a, editor, t.id, 'Karim 4 ', id);
    await expect(propose(a, editor, t.id, 'Karim 5 ', id)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'command_id_reused' } });
    await expect(propose(b, editor, u.id, 'Karim 4 ', id)).rejects.toMatchObject({ code: 'conflict' });
    // Sent together in one batch: the second is refused too.
    const together = randomUUID();
    const both = await Promise.allSettled([propose(a, editor, t.id, 'Karim 6 ', together), propose(a, editor, t.id, 'Karim 7 ', together)]);
    expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((await listRedactions(a.db, t.id)).filter((r) => r.source === 'user').map((r) => BODY.slice(r.start, r.end))).toEqual(['Karim 4 ', 'Karim 6 ']);
    expect((await listRedactions(a.db, u.id)).filter((r) => r.source === 'user')).toHaveLength(0);
  });
});

describe('hand-written SQL column lists match the Drizzle schema', () => {
  it('writes every audit and ack column that has no default', () => {
    const required = (table: typeof schema.auditEvents | typeof schema.processedCommands) =>
      Object.entries(getTableColumns(table))
        .filter(([, c]) => !c.hasDefault)
        .map(([k]) => k)
        .sort();
    expect(required(schema.auditEvents).filter((k) => !(EVENT_COLUMNS as readonly string[]).includes(k))).toEqual([]);
    expect(required(schema.processedCommands).filter((k) => !(ACK_COLUMNS as readonly string[]).includes(k))).toEqual([]);
  });
});

function eqStream(stream: string) {
  return eq(schema.auditEvents.stream, stream);
}
