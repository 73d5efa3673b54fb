import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CommandResult, RedactionDto, TestimonyEvent } from '@desk/protocol';
import { createDb, type DbHandle } from '@desk/db';
import { silentPublisher, type Ctx } from '../src/commands/context.ts';
import { pathCounts } from '../src/commands/scheduler.ts';
import { proposeRedaction } from '../src/commands/redactions.commands.ts';
import { submitApproval } from '../src/commands/approvals.commands.ts';
import { addComment } from '../src/commands/comments.commands.ts';
import { viewTestimony } from '../src/commands/testimonies.commands.ts';
import { verifyChains } from '../src/audit/verify.ts';
import { listRedactions, listApprovals } from '../src/repo/redactions.repo.ts';
import { eventsSince } from '../src/repo/audit.repo.ts';
import { presentRedaction } from '../src/presenters/testimony.presenter.ts';
import { loadActors } from '../src/presenters/user.presenter.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { callerOf, reviewedTestimony } from './pipeline-helpers.ts';

// Offsets are UTF-16 indices: Arabic, accents and an emoji (two code units) before the spans.
const BODY = 'شهادة أولى — Élodie a vu 🕊️ le convoi.\n' + Array.from({ length: 40 }, (_, i) => `Line ${i}: Karim ${i} went north.`).join('\n');

let srv: TestServer;
let other: DbHandle;
let editor: BuiltUser;
let safety: BuiltUser;
const published: TestimonyEvent[] = [];
/** Two "processes": separate pools and caches on one database, like two server nodes. */
let a: Ctx;
let b: Ctx;

beforeAll(async () => {
  srv = await startTestServer();
  other = createDb(inject('databaseUrl'), { max: 5 });
  a = { ...srv.app.ctx, publish: { ...silentPublisher, testimonyEvents: (evs) => published.push(...evs) } };
  b = { ...srv.app.ctx, db: other.db, publish: silentPublisher };
  [editor, safety] = await Promise.all([buildUser(a, { role: 'editor' }), buildUser(a, { role: 'safety_officer' })]);
});

afterAll(async () => {
  await other.close();
  await srv.close();
});

const propose = (ctx: Ctx, testimonyId: string, start: number, end: number, commandId = randomUUID()) =>
  proposeRedaction(ctx, callerOf(editor), { commandId, testimonyId, start, end, category: 'person' });

function spanOf(body: string, needle: string): [number, number] {
  const start = body.indexOf(needle);
  if (start < 0) throw new Error(`${needle} not in body`);
  return [start, start + needle.length];
}

async function expectIntact(testimonyId: string, expectedEvents: number): Promise<void> {
  const report = await verifyChains(a.db);
  expect(report.broken).toEqual([]);
  const events = await eventsSince(a.db, testimonyId, 0, 10_000);
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: expectedEvents }, (_, i) => i + 1));
}

describe('one-statement fast path', () => {
  it('commits a run of proposals in one statement each, announcing exactly the rows it stored', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const before = { ...pathCounts(a.db) };
    const results: CommandResult[] = [];
    for (let i = 0; i < 10; i++) results.push(await propose(a, t.id, ...spanOf(BODY, `Karim ${i} `)));
    // The first learns the testimony's head under the lock; the rest need no lock at all.
    expect(pathCounts(a.db).fast - before.fast).toBeGreaterThanOrEqual(9);
    expect(results.map((r) => r.seq)).toEqual(results.map((_, i) => results[0]!.seq + i));

    const stored = await listRedactions(a.db, t.id);
    const actors = await loadActors(a.db, [editor.id]);
    const announced = published.filter((e) => e.testimonyId === t.id && e.type === 'redaction.proposed').map((e) => (e.payload as { redaction: RedactionDto }).redaction);
    expect(announced).toHaveLength(10);
    for (const r of announced) {
      const row = stored.find((s) => s.id === r.id);
      expect(row && presentRedaction(row, actors)).toEqual(r);
      expect(BODY.slice(r.start, r.end)).toMatch(/^Karim \d+ $/);
    }
    await expectIntact(t.id, results.at(-1)!.seq);
  });

  it('keeps seq dense and the chain whole when two processes and a reader write one testimony at once', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const base = (await eventsSince(a.db, t.id, 0, 100)).length;
    const sends: Promise<CommandResult>[] = [];
    for (let i = 0; i < 40; i++) {
      const [s, e] = spanOf(BODY, `Karim ${i} `);
      sends.push(propose(i % 2 === 0 ? a : b, t.id, s, e));
      // Viewing the original appends to the chain outside the command pipeline.
      if (i % 13 === 0) void viewTestimony(b, callerOf(editor), t.id, 'http');
    }
    const results = await Promise.all(sends);
    await new Promise((r) => setTimeout(r, 50));
    const seqs = results.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(40);
    expect((await listRedactions(a.db, t.id)).filter((r) => r.source === 'user')).toHaveLength(40);
    const events = await eventsSince(a.db, t.id, 0, 10_000);
    expect(events.filter((e) => e.type === 'testimony.viewed')).toHaveLength(4);
    await expectIntact(t.id, base + 40 + 4);
  });

  it('applies a retried command id once, after its first delivery took the fast path', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    await propose(a, t.id, ...spanOf(BODY, 'Karim 1 '));
    const id = randomUUID();
    const first = await propose(a, t.id, ...spanOf(BODY, 'Karim 2 '), id);
    const again = await propose(a, t.id, ...spanOf(BODY, 'Karim 2 '), id);
    const elsewhere = await propose(b, t.id, ...spanOf(BODY, 'Karim 2 '), id);
    expect(again).toEqual({ ...first, duplicate: true });
    expect(elsewhere).toEqual({ ...first, duplicate: true });
    expect((await listRedactions(a.db, t.id)).filter((r) => r.source === 'user' && r.start === spanOf(BODY, 'Karim 2 ')[0])).toHaveLength(1);
    await expectIntact(t.id, first.seq);
  });

  it('still withdraws a live approval when a proposal follows fast-path commits', async () => {
    const r = await reviewedTestimony(a, editor);
    await submitApproval(a, callerOf(editor), { commandId: randomUUID(), testimonyId: r.id, kind: 'editorial', version: r.version });
    const [s, e] = spanOf(r.body, 'Élodie');
    const res = await propose(a, r.id, s, e);
    expect(res.version).toBe(r.version + 1);
    const approvals = await listApprovals(a.db, r.id);
    expect(approvals).toHaveLength(1);
    expect(approvals[0]!.withdrawnAt).not.toBeNull();
    await expect(submitApproval(a, callerOf(safety), { commandId: randomUUID(), testimonyId: r.id, kind: 'safety', version: r.version })).rejects.toMatchObject({ code: 'stale' });
  });

  it('refuses a span that splits the emoji, on either path, and changes nothing', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    await propose(a, t.id, ...spanOf(BODY, 'Karim 3 '));
    const before = await listRedactions(a.db, t.id);
    const dove = BODY.indexOf('🕊');
    await expect(propose(a, t.id, dove + 1, dove + 2)).rejects.toMatchObject({ code: 'bad_request' });
    expect(await listRedactions(a.db, t.id)).toEqual(before);
  });

  it('applies commands sent together in the order sent, across the fast lane and the locking path', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    await propose(a, t.id, ...spanOf(BODY, 'Karim 0 '));
    const before = { ...pathCounts(a.db) };
    const sent: { label: string; done: Promise<CommandResult> }[] = [];
    for (let i = 1; i <= 24; i++) {
      // A comment has no pure plan: it closes the lane and goes through the locking path.
      const done = i % 8 === 0 ? addComment(a, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, body: `note ${i}` }) : propose(a, t.id, ...spanOf(BODY, `Karim ${i} `));
      sent.push({ label: i % 8 === 0 ? `note ${i}` : `Karim ${i} `, done });
    }
    const results = await Promise.all(sent.map((x) => x.done));
    expect(results.map((r) => r.seq)).toEqual(results.map((_, i) => results[0]!.seq + i));
    const events = (await eventsSince(a.db, t.id, results[0]!.seq - 1, 100)).filter((e) => e.seq <= results.at(-1)!.seq);
    const labels = events.map((e) => {
      const p = e.payload as { redaction?: RedactionDto; comment?: { body: string } };
      return p.redaction ? BODY.slice(p.redaction.start, p.redaction.end) : (p.comment?.body ?? e.type);
    });
    expect(labels).toEqual(sent.map((x) => x.label));
    expect(pathCounts(a.db).fast).toBeGreaterThan(before.fast);
    expect(pathCounts(a.db).locking).toBeGreaterThan(before.locking);
    await expectIntact(t.id, results.at(-1)!.seq);
  });

  it('recovers when the stored chain head is not the one remembered (a row written before head_hash existed)', async () => {
    const t = await buildTestimony(a, { body: BODY }, editor);
    const first = await propose(a, t.id, ...spanOf(BODY, 'Karim 1 '));
    await a.db.$client.query('UPDATE testimonies SET head_hash = NULL WHERE id = $1', [t.id]);
    const second = await propose(a, t.id, ...spanOf(BODY, 'Karim 2 '));
    const third = await propose(a, t.id, ...spanOf(BODY, 'Karim 3 '));
    expect([second.seq, third.seq]).toEqual([first.seq + 1, first.seq + 2]);
    await expectIntact(t.id, third.seq);
  });
});
