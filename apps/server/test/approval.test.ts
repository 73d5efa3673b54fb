import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Ack, CommandResult, LeakFindingDto, TestimonySnapshot, TestimonySummary } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type ClientSocket, type TestServer } from './harness.ts';
import { buildUser, type BuiltUser } from './factories.ts';
import { callerOf, reviewedTestimony } from './pipeline-helpers.ts';
import { submitApproval } from '../src/commands/approvals.commands.ts';
import { proposeRedaction } from '../src/commands/redactions.commands.ts';
import { AppError } from '../src/errors.ts';

let srv: TestServer;
let editor: BuiltUser;
let editor2: BuiltUser;
let safety: BuiltUser;
let admin: BuiltUser;
const sockets: ClientSocket[] = [];

async function socketOf(u: BuiltUser): Promise<ClientSocket> {
  const s = await connectSocket(srv.url, await loginCookie(srv.url, u.email, u.password));
  sockets.push(s);
  return s;
}
const approve = (s: ClientSocket, testimonyId: string, kind: 'editorial' | 'safety', version: number) =>
  emitAck<Ack<CommandResult>>(s, 'approval.submit', { commandId: randomUUID(), testimonyId, kind, version });
const setStatus = (s: ClientSocket, testimonyId: string, status: string, version: number) =>
  emitAck<Ack<CommandResult>>(s, 'testimony.setStatus', { commandId: randomUUID(), testimonyId, status, version });
async function snapshot(u: BuiltUser, id: string): Promise<TestimonySnapshot> {
  const res = await api(srv.url, `/api/testimonies/${id}`, { cookie: await loginCookie(srv.url, u.email, u.password) });
  return res.json as unknown as TestimonySnapshot;
}

beforeAll(async () => {
  srv = await startTestServer();
  [editor, editor2, safety, admin] = await Promise.all([
    buildUser(srv.app.ctx, { role: 'editor', name: 'Edith Editor' }),
    buildUser(srv.app.ctx, { role: 'editor', name: 'Eamon Editor' }),
    buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Sara Safety' }),
    buildUser(srv.app.ctx, { role: 'admin', name: 'Ada Admin' }),
  ]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv.close();
});

describe('four-eyes approval', () => {
  it('needs an editor and a safety officer on the same version; the second approval moves it to approved, live', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    const watcher = await socketOf(admin);
    await emitAck(watcher, 'queue.subscribe', {});
    const seen: TestimonySummary[] = [];
    watcher.on('queue.changed', (p) => p.testimony.id === t.id && seen.push(p.testimony));

    const ed = await socketOf(editor);
    expect(await approve(ed, t.id, 'editorial', t.version)).toMatchObject({ ok: true });
    expect((await snapshot(admin, t.id)).testimony.status).toBe('in_review');
    // An editor cannot give the safety sign-off, and a second editor cannot add a second editorial.
    expect(await approve(ed, t.id, 'safety', t.version)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await approve(await socketOf(editor2), t.id, 'editorial', t.version)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Admins are outside the four-eyes path altogether.
    expect(await approve(watcher, t.id, 'safety', t.version)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await approve(await socketOf(safety), t.id, 'safety', t.version)).toMatchObject({ ok: true });
    const snap = await snapshot(admin, t.id);
    expect(snap.testimony.status).toBe('approved');
    expect(snap.approvals.filter((a) => !a.withdrawnAt).map((a) => [a.kind, a.user.id, a.version])).toEqual(
      expect.arrayContaining([
        ['editorial', editor.id, t.version],
        ['safety', safety.id, t.version],
      ]),
    );
    await expect.poll(() => seen.at(-1)?.status).toBe('approved');
  });

  it('refuses one person signing both, even after a role change', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    await submitApproval(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, kind: 'editorial', version: t.version });
    const sameAsSafety = { ...callerOf(editor), role: 'safety_officer' as const };
    const err = await submitApproval(srv.app.ctx, sameAsSafety, { commandId: randomUUID(), testimonyId: t.id, kind: 'safety', version: t.version }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('forbidden');
    expect((await snapshot(admin, t.id)).testimony.status).toBe('in_review');
  });

  it('refuses a stale approval with code stale', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    const ack = await approve(await socketOf(safety), t.id, 'safety', t.version - 1);
    expect(ack).toMatchObject({ ok: false, error: { code: 'stale' } });
  });

  it('refuses approval while a suggestion is undecided', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor, { leaveSuggestion: true });
    const ack = await approve(await socketOf(editor), t.id, 'editorial', t.version);
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/undecided/) } });
  });

  it('withdraws approvals visibly when the redactions change, and an approved text falls back to in_review', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    await submitApproval(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, kind: 'editorial', version: t.version });
    await submitApproval(srv.app.ctx, callerOf(safety), { commandId: randomUUID(), testimonyId: t.id, kind: 'safety', version: t.version });
    expect((await snapshot(admin, t.id)).testimony.status).toBe('approved');

    const room = await socketOf(editor2);
    const joined = await emitAck<Ack<TestimonySnapshot>>(room, 'testimony.join', { testimonyId: t.id });
    expect(joined.ok).toBe(true);
    const events: { type: string; payload: unknown }[] = [];
    room.on('testimony.events', (p) => events.push(...p.events.filter((e) => e.type !== 'testimony.viewed')));

    const start = t.body.indexOf('old mill');
    await proposeRedaction(srv.app.ctx, callerOf(editor2), { commandId: randomUUID(), testimonyId: t.id, start, end: start + 8, category: 'hiding' });

    const snap = await snapshot(admin, t.id);
    expect(snap.testimony.status).toBe('in_review');
    expect(snap.approvals.every((a) => a.withdrawnAt && /Redactions changed by Eamon Editor/.test(a.withdrawnReason ?? ''))).toBe(true);
    await expect.poll(() => events.map((e) => e.type)).toEqual(['redaction.proposed', 'approvals.withdrawn', 'testimony.updated']);
    expect(events[2]?.payload).toMatchObject({ status: 'in_review', previousStatus: 'approved' });
    // The old approval's version is now stale.
    const again = await approve(await socketOf(safety), t.id, 'safety', t.version);
    expect(again).toMatchObject({ ok: false, error: { code: 'stale' } });
  });

  it('blocks approval when the leak gate finds a variant spelling still visible, and lists where', async () => {
    const body = 'The witness Samir Haddad hid in the barn.\nLater, Sameer Hadad crossed the border.';
    const t = await reviewedTestimony(srv.app.ctx, editor, { body, redact: [{ needle: 'Samir Haddad' }] });
    const ack = await approve(await socketOf(editor), t.id, 'editorial', t.version);
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe('leak_detected');
    // One finding per place in the testimony: the visible text (the editor may read the original),
    // its paragraph and offsets, every format that carries it. Never the redacted string itself.
    const findings = (ack.error.details as { findings: LeakFindingDto[] }).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ text: 'Sameer Hadad', paragraph: 2, start: body.indexOf('Sameer'), end: body.indexOf('Sameer') + 12, category: 'person', match: 'variant' });
    expect(new Set(findings[0]?.formats)).toEqual(new Set(['txt', 'md', 'json', 'docx', 'pdf']));
    expect(JSON.stringify(ack.error)).not.toMatch(/Samir|Haddad/);
  });
});

describe('status transitions', () => {
  it('validates every move: approved only by four-eyes, published only from approved and final', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    const s = await socketOf(editor);
    expect(await setStatus(s, t.id, 'approved', t.version)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await setStatus(s, t.id, 'published', t.version)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await setStatus(s, t.id, 'changes_requested', t.version - 1)).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect(await setStatus(s, t.id, 'changes_requested', t.version)).toMatchObject({ ok: true });
    expect(await setStatus(s, t.id, 'draft', t.version)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await setStatus(s, t.id, 'in_review', t.version)).toMatchObject({ ok: true });

    await submitApproval(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, kind: 'editorial', version: t.version });
    await submitApproval(srv.app.ctx, callerOf(safety), { commandId: randomUUID(), testimonyId: t.id, kind: 'safety', version: t.version });
    expect(await setStatus(s, t.id, 'published', t.version)).toMatchObject({ ok: true });
    expect(await setStatus(s, t.id, 'in_review', t.version)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Published texts are frozen: no more redaction changes.
    const frozen = await emitAck<Ack<CommandResult>>(s, 'redaction.propose', { commandId: randomUUID(), testimonyId: t.id, start: 0, end: 5, category: 'other' });
    expect(frozen).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
