import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Ack, CommandResult, TestimonySnapshot } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { DeskClient, ok, waitFor } from './realtime-client.ts';

let srv: TestServer;
let editor: BuiltUser;
let officer: BuiltUser;
let admin: BuiltUser;

// Spelling variants of one name, Arabic script, accents and an emoji before the spans, so
// offsets are checked as JavaScript string indices.
const BODY =
  '🕊️ Mohammed left Kafr Nadeem at night. Later Muhammad returned; mohamed and MOHAMMAD hid in the mill. ' +
  'محمد كان هناك. Élodie met Elodie in Gaziantep.';

beforeAll(async () => {
  srv = await startTestServer();
  editor = await buildUser(srv.app.ctx, { role: 'editor', name: 'Eda Editor' });
  officer = await buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Omar Officer' });
  admin = await buildUser(srv.app.ctx, { role: 'admin', name: 'Ada Admin' });
});
afterAll(() => srv.close());

async function snapshot(c: DeskClient): Promise<TestimonySnapshot> {
  return c.join();
}

describe('entity groups and redact-all', () => {
  it('accepts a whole entity group at once, and tells the person whose rejection it replaced', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const e = await DeskClient.open(srv.url, editor, t.id);
    const o = await DeskClient.open(srv.url, officer, t.id);
    const snap = await snapshot(o);
    const group = snap.groups.find((g) => g.category === 'person' && /m/i.test(g.label));
    expect(group).toBeDefined();
    const members = snap.redactions.filter((r) => r.entityGroupId === group!.id);
    expect(members.length).toBeGreaterThanOrEqual(2);
    // The editor rejects one span first; the officer then accepts the whole group.
    const first = members[0]!;
    ok(await e.command('redaction.decide', { redactionId: first.id, decision: 'rejected', expectedRev: first.rev }));
    const { seq } = ok(await o.command('entity.decide', { entityGroupId: group!.id, decision: 'accepted' }));
    await waitFor(() => e.seq >= seq && o.seq >= seq, 'group decision');
    for (const m of members) expect(e.redactions.get(m.id)?.state).toBe('accepted');
    const ev = e.events.find((x) => x.seq === seq);
    expect(ev?.type).toBe('redactions.updated');
    if (ev?.type === 'redactions.updated') {
      expect(ev.payload.redactions.map((r) => r.id).sort()).toEqual(members.map((m) => m.id).sort());
      expect(ev.payload.overrode).toEqual([expect.objectContaining({ redactionId: first.id, state: 'rejected', by: expect.objectContaining({ id: editor.id }) })]);
    }
    await waitFor(() => e.notices.length === 1, 'notice to the editor');
    expect(e.notices[0]).toMatchObject({ command: 'entity.decide', redactionIds: [first.id], theirs: { by: { id: officer.id }, state: 'accepted' } });
    expect(o.notices).toHaveLength(0);
    expect(e.hash()).toBe(o.hash());
    // Deciding the same again changes nothing and appends nothing.
    const again = ok(await o.command('entity.decide', { entityGroupId: group!.id, decision: 'accepted' }));
    expect(again.seq).toBe(seq);
    e.close();
    o.close();
  });

  it('redacts every occurrence and spelling variant of a name, accepted, in one group', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const o = await DeskClient.open(srv.url, officer, t.id);
    const { seq } = ok(await o.command('redaction.redactAll', { needle: 'Mohammed', category: 'person' }));
    await waitFor(() => o.seq >= seq, 'redact-all');
    const texts = (ids: Iterable<{ start: number; end: number; state: string; entityGroupId: string | null }>) =>
      [...ids].filter((r) => r.state === 'accepted').map((r) => BODY.slice(r.start, r.end));
    const accepted = texts(o.redactions.values());
    for (const v of ['Mohammed', 'Muhammad', 'mohamed', 'MOHAMMAD', 'محمد']) expect(accepted).toContain(v);
    // No duplicate spans: engine suggestions at the same place were accepted in place.
    const spans = [...o.redactions.values()].map((r) => `${r.start}:${r.end}`);
    expect(new Set(spans).size).toBe(spans.length);
    const groups = new Set([...o.redactions.values()].filter((r) => /m(o|u)ham|محمد/i.test(BODY.slice(r.start, r.end))).map((r) => r.entityGroupId));
    expect(groups.size).toBe(1);
    o.close();
  });

  it('refuses a redact-all whose text does not occur, and changes nothing', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const o = await DeskClient.open(srv.url, officer, t.id);
    const seq = o.seq;
    const ack = await o.command('redaction.redactAll', { needle: 'Zarathustra', category: 'person' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await snapshot(o)).seq).toBe(seq); // a view is not a decision: it takes no seq
    o.close();
  });
});

describe('changing and removing a redaction', () => {
  it("accepts a reviewer's own redaction at once when asked, as their decision; an admin may not", async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const e = await DeskClient.open(srv.url, editor, t.id);
    const s1 = ok(await e.command('redaction.propose', { start: 3, end: 11, category: 'person', accept: true })).seq;
    await waitFor(() => e.seq >= s1, 'own redaction');
    const r = [...e.redactions.values()].find((x) => x.source === 'user')!;
    expect(r).toMatchObject({ state: 'accepted', decidedBy: { id: editor.id }, proposedBy: { id: editor.id } });
    const a = await DeskClient.open(srv.url, admin, t.id);
    expect(await a.command('redaction.propose', { start: 20, end: 24, category: 'place', accept: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    e.close();
    a.close();
  });

  it('changes category and reason, then removes the span; everybody sees it', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const e = await DeskClient.open(srv.url, editor, t.id);
    const o = await DeskClient.open(srv.url, officer, t.id);
    const s1 = ok(await e.command('redaction.propose', { start: 3, end: 11, category: 'place' })).seq;
    await waitFor(() => o.seq >= s1, 'proposal');
    const r = [...o.redactions.values()].find((x) => x.source === 'user')!;
    const s2 = ok(await o.command('redaction.update', { redactionId: r.id, category: 'person', reason: 'a first name', expectedRev: r.rev })).seq;
    await waitFor(() => e.seq >= s2, 'update');
    expect(e.redactions.get(r.id)).toMatchObject({ category: 'person', reason: 'a first name', rev: r.rev + 1 });
    const stale = await e.command('redaction.remove', { redactionId: r.id, expectedRev: r.rev + 1 });
    const s3 = ok(stale).seq;
    await waitFor(() => o.seq >= s3, 'removal');
    expect(o.redactions.has(r.id)).toBe(false);
    expect(e.hash()).toBe(o.hash());
    const gone = await e.command('redaction.remove', { redactionId: r.id, expectedRev: 0 });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
    e.close();
    o.close();
  });

  it('reports an un-redaction (remove) of an accepted span the remover had not seen', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const e = await DeskClient.open(srv.url, editor, t.id);
    const o = await DeskClient.open(srv.url, officer, t.id);
    const s1 = ok(await e.command('redaction.propose', { start: 3, end: 11, category: 'person' })).seq;
    await waitFor(() => o.seq >= s1, 'proposal');
    const r = [...o.redactions.values()].find((x) => x.source === 'user')!;
    ok(await o.command('redaction.decide', { redactionId: r.id, decision: 'accepted', expectedRev: r.rev }));
    ok(await e.command('redaction.remove', { redactionId: r.id, expectedRev: r.rev }));
    await waitFor(() => o.notices.length === 1, 'notice');
    expect(o.notices[0]).toMatchObject({ command: 'redaction.remove', redactionId: r.id, yours: { state: 'accepted' }, theirs: { state: 'removed', by: { id: editor.id } } });
    e.close();
    o.close();
  });
});

describe('comments and assignment', () => {
  it('adds a comment with an anchor and a reply, then resolves the thread', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const e = await DeskClient.open(srv.url, editor, t.id);
    const o = await DeskClient.open(srv.url, officer, t.id);
    const s1 = ok(await e.command('comment.add', { body: 'Is “Kafr Nadeem” too specific? 🤔', anchorStart: 21, anchorEnd: 32 })).seq;
    await waitFor(() => o.seq >= s1, 'comment');
    const added = o.events.find((x) => x.seq === s1);
    if (added?.type !== 'comment.added') throw new Error('expected comment.added');
    expect(added.payload.comment).toMatchObject({ body: 'Is “Kafr Nadeem” too specific? 🤔', anchorStart: 21, anchorEnd: 32, author: { id: editor.id }, resolved: false });
    const root = added.payload.comment.id;
    const s2 = ok(await o.command('comment.add', { body: 'Yes — redact it.', parentId: root })).seq;
    const s3 = ok(await e.command('comment.resolve', { commentId: root, resolved: true })).seq;
    await waitFor(() => e.seq >= Math.max(s2, s3), 'reply and resolve');
    const snap = await snapshot(e);
    expect(snap.comments.find((c) => c.id === root)?.resolved).toBe(true);
    expect(snap.comments.find((c) => c.parentId === root)?.body).toBe('Yes — redact it.');
    // Comments never change the redaction-set version (they cannot withdraw approvals).
    expect(snap.testimony.version).toBe(t.version);
    const bad = await e.command('comment.add', { body: 'x', anchorStart: 0, anchorEnd: BODY.length + 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    e.close();
    o.close();
  });

  it('assigns a reviewer and refuses an assignee who cannot review', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const a = await DeskClient.open(srv.url, admin, t.id);
    const s = ok(await a.command('testimony.assign', { assigneeId: officer.id, dueDate: '2030-01-31' })).seq;
    await waitFor(() => a.seq >= s, 'assignment');
    const snap = await snapshot(a);
    expect(snap.testimony.assignee?.id).toBe(officer.id);
    expect(snap.testimony.dueDate).toBe('2030-01-31');
    const refused = await a.command('testimony.assign', { assigneeId: admin.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    a.close();
  });
});

describe('forbidden and malformed commands', () => {
  it('answer with typed errors and change nothing', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const cookie = await loginCookie(srv.url, admin.email, admin.password);
    const before = await api(srv.url, `/api/testimonies/${t.id}`, { cookie });
    const s = await connectSocket(srv.url, cookie);
    const r = (before.json.redactions as { id: string; rev: number }[])[0]!;
    const g = (before.json.groups as { id: string }[])[0]!;
    const send = (name: string, p: Record<string, unknown>) => emitAck<Ack<CommandResult>>(s, name, { commandId: randomUUID(), testimonyId: t.id, ...p });
    // Admins run the desk but do not decide redactions (four-eyes).
    expect(await send('redaction.decide', { redactionId: r.id, decision: 'accepted', expectedRev: r.rev })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('entity.decide', { entityGroupId: g.id, decision: 'rejected' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('redaction.redactAll', { needle: 'Mohammed', category: 'person' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Malformed: wrong types, unknown fields, inverted span, oversized text, not an object.
    expect(await send('comment.add', { body: 'x'.repeat(6_000) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await send('comment.add', { body: 'hi', evil: true })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await emitAck(s, 'redaction.remove', 'not an object')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const es = await connectSocket(srv.url, await loginCookie(srv.url, editor.email, editor.password));
    const sendE = (name: string, p: Record<string, unknown>) => emitAck<Ack<CommandResult>>(es, name, { commandId: randomUUID(), testimonyId: t.id, ...p });
    expect(await sendE('redaction.propose', { start: 9, end: 4, category: 'person' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await sendE('redaction.propose', { start: 0, end: 1, category: 'person' })).toMatchObject({ ok: false, error: { code: 'bad_request' } }); // half an emoji
    expect(await sendE('redaction.decide', { redactionId: randomUUID(), decision: 'accepted', expectedRev: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await sendE('entity.decide', { entityGroupId: g.id, decision: 'maybe' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const after = await api(srv.url, `/api/testimonies/${t.id}`, { cookie });
    expect(after.json.redactions).toEqual(before.json.redactions);
    expect(after.json.comments).toEqual([]);
    // Nothing was recorded in between (views go to their own stream).
    expect((after.json.testimony as { seq: number }).seq).toBe((before.json.testimony as { seq: number }).seq);
    s.close();
    es.close();
  });
});

describe('REST door for commands', () => {
  it('applies a command over HTTP exactly like the socket: broadcast, idempotent, same errors', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: BODY }, editor);
    const watcher = await DeskClient.open(srv.url, officer, t.id);
    const cookie = await loginCookie(srv.url, editor.email, editor.password);
    const commandId = randomUUID();
    const path = `/api/testimonies/${t.id}/commands/redaction.propose`;
    const first = await api(srv.url, path, { cookie, body: { commandId, start: 3, end: 11, category: 'person' } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ duplicate: false, seq: expect.any(Number) });
    const seq = first.json.seq as number;
    await waitFor(() => watcher.seq >= seq, 'the broadcast');
    expect(watcher.events.find((e) => e.seq === seq)).toMatchObject({ type: 'redaction.proposed', actor: { id: editor.id } });
    // The sender's idempotency key is not broadcast to the room.
    expect(watcher.events.find((e) => e.seq === seq)).not.toHaveProperty('commandId');
    const again = await api(srv.url, path, { cookie, body: { commandId, start: 3, end: 11, category: 'person' } });
    expect(again.json).toEqual({ ...first.json, duplicate: true });
    const reused = await api(srv.url, path, { cookie, body: { commandId, start: 12, end: 20, category: 'person' } });
    expect(reused.status).toBe(409);
    expect(reused.json.error).toMatchObject({ code: 'conflict', details: { reason: 'command_id_reused' } });

    const adminCookie = await loginCookie(srv.url, admin.email, admin.password);
    const r = [...watcher.redactions.values()].find((x) => x.source === 'user')!;
    const forbidden = await api(srv.url, `/api/testimonies/${t.id}/commands/redaction.decide`, {
      cookie: adminCookie,
      body: { commandId: randomUUID(), redactionId: r.id, decision: 'accepted', expectedRev: r.rev },
    });
    expect(forbidden.status).toBe(403);
    expect((await api(srv.url, `/api/testimonies/${t.id}/commands/nope`, { cookie, body: {} })).status).toBe(404);
    expect((await api(srv.url, path, { cookie, body: { commandId: randomUUID(), start: 'x' } })).json.error?.code).toBe('bad_request');
    const crossSite = await api(srv.url, path, { cookie, headers: { origin: 'https://evil.example' }, body: { commandId: randomUUID(), start: 0, end: 2, category: 'person' } });
    expect(crossSite.status).toBe(403);
    expect(watcher.redactions.get(r.id)?.state).toBe('suggested');
    expect([...watcher.redactions.values()].filter((x) => x.source === 'user')).toHaveLength(1);
    watcher.close();
  });
});
