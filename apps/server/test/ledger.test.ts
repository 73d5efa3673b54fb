import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Ack, AllowListEntryDto, CommandResult, LedgerEntityDto, TestimonyEvents, TestimonySnapshot } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type ClientSocket, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, LEDGER_BODY, type BuiltUser } from './factories.ts';
import { reviewedTestimony } from './pipeline-helpers.ts';
import { findVariants } from '@desk/redaction';

let srv: TestServer;
let editor: BuiltUser;
let safety: BuiltUser;
let admin: BuiltUser;
const cookies = new Map<string, string>();
const sockets: ClientSocket[] = [];

const cookieOf = async (u: BuiltUser) => cookies.get(u.id) ?? cookies.set(u.id, await loginCookie(srv.url, u.email, u.password)).get(u.id)!;
async function socketOf(u: BuiltUser): Promise<ClientSocket> {
  const s = await connectSocket(srv.url, await cookieOf(u));
  sockets.push(s);
  return s;
}
async function snapshot(u: BuiltUser, id: string): Promise<TestimonySnapshot> {
  return (await api(srv.url, `/api/testimonies/${id}`, { cookie: await cookieOf(u) })).json as unknown as TestimonySnapshot;
}
const byLabel = (snap: TestimonySnapshot, label: string): LedgerEntityDto => {
  const e = snap.ledger.find((x) => x.label === label);
  if (!e) throw new Error(`no ledger entity ${label} in ${snap.ledger.map((x) => x.label).join(', ')}`);
  return e;
};
const decide = (s: ClientSocket, testimonyId: string, entityId: string, decision: string, extra: Record<string, unknown> = {}) =>
  emitAck<Ack<CommandResult>>(s, 'ledger.decide', { commandId: randomUUID(), testimonyId, entityId, decision, ...extra });
const undo = (s: ClientSocket, testimonyId: string, entityId: string) => emitAck<Ack<CommandResult>>(s, 'ledger.undo', { commandId: randomUUID(), testimonyId, entityId });
const approve = (s: ClientSocket, testimonyId: string, kind: 'editorial' | 'safety', version: number) =>
  emitAck<Ack<CommandResult>>(s, 'approval.submit', { commandId: randomUUID(), testimonyId, kind, version });
const uniqueName = (stem: string) => `${stem}${randomUUID().replace(/[^a-f]/g, '').slice(0, 6)}`;

beforeAll(async () => {
  srv = await startTestServer();
  [editor, safety, admin] = await Promise.all([
    buildUser(srv.app.ctx, { role: 'editor' }),
    buildUser(srv.app.ctx, { role: 'safety_officer' }),
    buildUser(srv.app.ctx, { role: 'admin' }),
  ]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv.close();
});

describe('name ledger', () => {
  it('lists names the engine did not suggest, with every mention, spellings and context (offsets in UTF-16)', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: LEDGER_BODY }, editor);
    const snap = await snapshot(editor, t.id);
    const yard = byLabel(snap, 'Brennholt Yard');
    expect(yard.mentions).toHaveLength(2);
    for (const m of yard.mentions) expect(snap.body.slice(m.start, m.end)).toBe('Brennholt Yard');
    expect(yard.context).toContain('Brennholt Yard as the last stop');
    expect(yard).toMatchObject({ decision: null, allowListed: false });
    // Offsets after an emoji and an accented capital are string indices, not bytes.
    const el = byLabel(snap, 'Élodie Sarrant');
    expect(snap.body.slice(el.mentions[0]!.start, el.mentions[0]!.end)).toBe('Élodie Sarrant');
    // Nothing the engine suggested is listed again.
    for (const e of snap.ledger) for (const m of e.mentions) expect(snap.redactions.some((r) => r.start < m.end && m.start < r.end)).toBe(false);
  });

  it('Redact makes every mention an accepted redaction of one group, live for the room; undo takes them back', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: LEDGER_BODY }, editor);
    const yard = byLabel(await snapshot(editor, t.id), 'Brennholt Yard');
    const watcher = await socketOf(safety);
    await emitAck(watcher, 'testimony.join', { testimonyId: t.id });
    const seen: TestimonyEvents['events'] = [];
    watcher.on('testimony.events', (p) => p.testimonyId === t.id && seen.push(...p.events));

    const ed = await socketOf(editor);
    expect(await decide(ed, t.id, yard.entityId, 'redact', { category: 'place' })).toMatchObject({ ok: true });
    await expect.poll(() => seen.map((e) => e.type)).toEqual(expect.arrayContaining(['redactions.updated', 'ledger.decided']));
    const snap = await snapshot(editor, t.id);
    const made = snap.redactions.filter((r) => r.state === 'accepted' && r.category === 'place');
    expect(made.map((r) => snap.body.slice(r.start, r.end))).toEqual(['Brennholt Yard', 'Brennholt Yard']);
    expect(new Set(made.map((r) => r.entityGroupId)).size).toBe(1);
    expect(made.every((r) => r.decidedBy?.id === editor.id)).toBe(true);
    expect(byLabel(snap, 'Brennholt Yard')).toMatchObject({ decision: 'redact', category: 'place', decidedBy: { id: editor.id } });
    // No spelling the variant matcher knows is left visible.
    for (const h of findVariants(snap.body, yard.spellings)) expect(made.some((r) => r.start <= h.start && h.end <= r.end), h.text).toBe(true);

    // A second decision on a decided name is refused (undo first), and changes nothing.
    expect(await decide(ed, t.id, yard.entityId, 'keep_private')).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await undo(ed, t.id, yard.entityId)).toMatchObject({ ok: true });
    const after = await snapshot(editor, t.id);
    expect(after.redactions.filter((r) => r.category === 'place' && r.state === 'accepted')).toHaveLength(0);
    expect(byLabel(after, 'Brennholt Yard')).toMatchObject({ decision: null, decidedBy: null });
    await expect.poll(() => seen.some((e) => e.type === 'ledger.undone')).toBe(true);
    // The audit trail of the room holds the decision and its undo.
    const audit = await srv.app.ctx.db.execute<{ type: string }>(sql`SELECT type FROM audit_events WHERE testimony_id = ${t.id} AND type LIKE 'ledger.%' ORDER BY seq`);
    expect(audit.rows.map((r) => r.type)).toEqual(['ledger.decided', 'ledger.undone']);
  });

  it('Keep — not identifying stays in this testimony, with its reason; editors may, admins may not', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: LEDGER_BODY }, editor);
    const v = byLabel(await snapshot(editor, t.id), 'Velkmoor');
    expect(await decide(await socketOf(admin), t.id, v.entityId, 'keep_private')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await decide(await socketOf(editor), t.id, v.entityId, 'keep_private', { reason: 'A brand of tea' })).toMatchObject({ ok: true });
    expect(byLabel(await snapshot(editor, t.id), 'Velkmoor')).toMatchObject({ decision: 'keep_private', reason: 'A brand of tea' });
    const other = await buildTestimony(srv.app.ctx, { body: LEDGER_BODY }, editor);
    expect(byLabel(await snapshot(editor, other.id), 'Velkmoor')).toMatchObject({ decision: null, allowListed: false });
  });

  it('lists and redacts an Arabic-script name the engine did not suggest, offsets intact after an emoji', async () => {
    const body = 'كنا ننتظر في المحطة، وكان زرقوان يبيع الشاي هناك. 🕊️\n\nLater زرقوان walked with us near the depot.';
    const t = await buildTestimony(srv.app.ctx, { body, language: 'ar' }, editor);
    const e = byLabel(await snapshot(editor, t.id), 'زرقوان');
    expect(e.mentions.length).toBeGreaterThanOrEqual(1);
    expect(await decide(await socketOf(safety), t.id, e.entityId, 'redact', { category: 'person' })).toMatchObject({ ok: true });
    const snap = await snapshot(editor, t.id);
    const made = snap.redactions.filter((r) => r.state === 'accepted');
    expect(made.map((r) => snap.body.slice(r.start, r.end))).toEqual(e.mentions.map(() => 'زرقوان'));
  });

  it('refuses bad input with a typed error and changes nothing', async () => {
    const t = await buildTestimony(srv.app.ctx, { body: LEDGER_BODY }, editor);
    const e = byLabel(await snapshot(editor, t.id), 'Velkmoor');
    const ed = await socketOf(editor);
    expect(await decide(ed, t.id, e.entityId, 'redact')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await decide(ed, t.id, e.entityId, 'forget')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await decide(ed, t.id, randomUUID(), 'keep_private')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await undo(ed, t.id, e.entityId)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(byLabel(await snapshot(editor, t.id), 'Velkmoor').rev).toBe(0);
  });
});

describe('organisation allow-list', () => {
  it('Keep — public adds the term for everyone: other testimonies count it decided, new imports no longer list it, undo removes it', async () => {
    const name = uniqueName('Tarvolm');
    const body = `The convoy left at dawn and we all followed ${name} to the border.`;
    const first = await buildTestimony(srv.app.ctx, { body }, editor);
    const second = await buildTestimony(srv.app.ctx, { body }, editor);
    const e = byLabel(await snapshot(safety, first.id), name);
    expect(await decide(await socketOf(editor), first.id, e.entityId, 'keep_public')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await decide(await socketOf(safety), first.id, e.entityId, 'keep_public', { reason: 'A public figure' })).toMatchObject({ ok: true });

    const list = await api(srv.url, `/api/allow-list?q=${encodeURIComponent(name)}`, { cookie: await cookieOf(safety) });
    const entries = list.json.entries as AllowListEntryDto[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ term: name, note: 'A public figure', addedBy: { id: safety.id } });
    expect(byLabel(await snapshot(safety, second.id), name)).toMatchObject({ decision: null, allowListed: true });
    const third = await buildTestimony(srv.app.ctx, { body }, editor);
    expect((await snapshot(safety, third.id)).ledger.map((x) => x.label)).not.toContain(name);

    expect(await undo(await socketOf(safety), first.id, e.entityId)).toMatchObject({ ok: true });
    const gone = await api(srv.url, `/api/allow-list?q=${encodeURIComponent(name)}`, { cookie: await cookieOf(safety) });
    expect(gone.json.entries).toEqual([]);
    expect(byLabel(await snapshot(safety, second.id), name)).toMatchObject({ allowListed: false });
  });

  it('Keep — public on a name already listed adds nothing, and its undo leaves the entry alone', async () => {
    const name = uniqueName('Morvane');
    const t = await buildTestimony(srv.app.ctx, { body: `The convoy left at dawn and we all followed ${name} to the border.` }, editor);
    expect(byLabel(await snapshot(safety, t.id), name).allowListed).toBe(false);
    // Listed afterwards (another spelling): the testimony's entity now counts as public.
    expect((await api(srv.url, '/api/allow-list', { cookie: await cookieOf(admin), body: { term: name.toUpperCase() } })).status).toBe(201);
    const e = byLabel(await snapshot(safety, t.id), name);
    expect(e.allowListed).toBe(true);
    const so = await socketOf(safety);
    expect(await decide(so, t.id, e.entityId, 'keep_public')).toMatchObject({ ok: true });
    expect(await undo(so, t.id, e.entityId)).toMatchObject({ ok: true });
    const still = await api(srv.url, `/api/allow-list?q=${encodeURIComponent(name)}`, { cookie: await cookieOf(safety) });
    expect((still.json.entries as AllowListEntryDto[]).map((x) => x.term)).toEqual([name.toUpperCase()]);
    expect(byLabel(await snapshot(safety, t.id), name)).toMatchObject({ decision: null, allowListed: true });
  });

  it('REST: safety officers and admins add, search and remove (audited); editors are refused; duplicates conflict', async () => {
    const term = uniqueName('Kestrova');
    const add = await api(srv.url, '/api/allow-list', { cookie: await cookieOf(admin), body: { term, note: 'Public broadcaster' } });
    expect(add.status).toBe(201);
    const entry = add.json.entry as AllowListEntryDto;
    expect((await api(srv.url, '/api/allow-list', { cookie: await cookieOf(safety), body: { term: term.toUpperCase() } })).json.error?.code).toBe('conflict');
    expect((await api(srv.url, '/api/allow-list', { cookie: await cookieOf(editor) })).status).toBe(403);
    expect((await api(srv.url, '/api/allow-list', { cookie: await cookieOf(editor), body: { term: 'Anything' } })).status).toBe(403);
    expect((await api(srv.url, '/api/allow-list', { cookie: await cookieOf(admin), body: { term: '   ' } })).status).toBe(400);

    // A new import with the term no longer lists it as a candidate.
    const t = await buildTestimony(srv.app.ctx, { body: `Later that week we heard ${term} on the radio.` }, editor);
    expect((await snapshot(safety, t.id)).ledger.map((x) => x.label)).not.toContain(term);

    expect((await api(srv.url, `/api/allow-list/${entry.id}`, { method: 'DELETE', cookie: await cookieOf(safety) })).status).toBe(204);
    expect((await api(srv.url, `/api/allow-list/${entry.id}`, { method: 'DELETE', cookie: await cookieOf(safety) })).status).toBe(404);
    const audit = await srv.app.ctx.db.execute<{ type: string; actor_id: string }>(
      sql`SELECT type, actor_id FROM audit_events WHERE stream = 'system' AND payload->>'entryId' = ${entry.id} ORDER BY seq`,
    );
    expect(audit.rows.map((r) => [r.type, r.actor_id])).toEqual([
      ['allowlist.added', admin.id],
      ['allowlist.removed', safety.id],
    ]);
  });
});

describe('sign-off', () => {
  it('refuses the safety sign-off while a name is undecided, listing it; the editorial approval is not held up', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor, { body: LEDGER_BODY, redact: [], leaveNames: true });
    const so = await socketOf(safety);
    const refused = await approve(so, t.id, 'safety', t.version);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const details = (refused as { ok: false; error: { details: { undecidedNames: { label: string; mentionCount: number }[] } } }).error.details;
    expect(details.undecidedNames.map((n) => n.label)).toEqual(['Brennholt Yard', 'Velkmoor', 'Élodie Sarrant']);
    expect(details.undecidedNames[0]?.mentionCount).toBe(2);
    expect(await approve(await socketOf(editor), t.id, 'editorial', t.version)).toMatchObject({ ok: true });

    const snap = await snapshot(safety, t.id);
    const ed = await socketOf(editor);
    for (const e of snap.ledger) expect(await decide(ed, t.id, e.entityId, 'keep_private')).toMatchObject({ ok: true });
    const now = await snapshot(safety, t.id);
    expect(await approve(so, t.id, 'safety', now.testimony.version)).toMatchObject({ ok: true });
    expect((await snapshot(safety, t.id)).testimony.status).toBe('approved');
  });

  it('undoing a decision withdraws the approvals that relied on it', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor, { body: LEDGER_BODY, redact: [], leaveNames: true });
    const ed = await socketOf(editor);
    const snap = await snapshot(editor, t.id);
    for (const e of snap.ledger) await decide(ed, t.id, e.entityId, 'keep_private');
    const v = (await snapshot(editor, t.id)).testimony.version;
    expect(await approve(await socketOf(safety), t.id, 'safety', v)).toMatchObject({ ok: true });
    const first = snap.ledger[0]!;
    expect(await undo(ed, t.id, first.entityId)).toMatchObject({ ok: true });
    const after = await snapshot(editor, t.id);
    expect(after.approvals.every((a) => a.withdrawnAt !== null)).toBe(true);
  });
});
