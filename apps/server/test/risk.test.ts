import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Ack, ApprovalDto, CommandResult, QuasiSubtype, RiskSummary, TestimonySnapshot } from '@desk/protocol';
import { api, connectSocket, emitAck, loginCookie, startTestServer, type ClientSocket, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { callerOf } from './pipeline-helpers.ts';
import { decideRedaction, proposeRedaction, removeRedaction } from '../src/commands/redactions.commands.ts';
import { setStatus } from '../src/commands/status.commands.ts';
import { listRedactions } from '../src/repo/redactions.repo.ts';

/*
 * Acceptance 2 of the re-identification risk work: the level falls as quasi-identifiers are
 * redacted or generalised, the reasons follow, and a high-risk safety sign-off needs a written
 * acknowledgement that ends up in the audit chain.
 */
const BODY = 'The witness, 28, a professional engineer from the northern hills, escaped on 14 June 2018. Nobody else knew.';
const QUASI: { needle: string; subtype: QuasiSubtype }[] = [
  { needle: '28', subtype: 'age' },
  { needle: 'professional engineer', subtype: 'profession' },
  { needle: 'from the northern hills', subtype: 'origin' },
  { needle: '14 June 2018', subtype: 'date' },
];

let srv: TestServer;
let editor: BuiltUser;
let safety: BuiltUser;
const sockets: ClientSocket[] = [];

async function socketOf(u: BuiltUser): Promise<ClientSocket> {
  const s = await connectSocket(srv.url, await loginCookie(srv.url, u.email, u.password));
  sockets.push(s);
  return s;
}
async function snapshot(id: string): Promise<TestimonySnapshot> {
  const res = await api(srv.url, `/api/testimonies/${id}`, { cookie: await loginCookie(srv.url, safety.email, safety.password) });
  return res.json as unknown as TestimonySnapshot;
}
async function queueRisk(id: string): Promise<RiskSummary | undefined> {
  const res = await api(srv.url, '/api/testimonies', { cookie: await loginCookie(srv.url, editor.email, editor.password) });
  return (res.json as { testimonies: { id: string; risk: RiskSummary }[] }).testimonies.find((t) => t.id === id)?.risk;
}

/** A testimony whose only redactions are the four quasi-identifiers above, all still visible (rejected). */
async function quasiTestimony(): Promise<{ id: string; ids: Record<QuasiSubtype, string> }> {
  const ctx = srv.app.ctx;
  const me = callerOf(editor);
  const t = await buildTestimony(ctx, { body: BODY }, editor);
  for (const r of await listRedactions(ctx.db, t.id)) await removeRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, redactionId: r.id, expectedRev: r.rev });
  for (const q of QUASI) {
    const start = BODY.indexOf(q.needle);
    await proposeRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, start, end: start + q.needle.length, category: 'quasi', subtype: q.subtype });
  }
  const ids = {} as Record<QuasiSubtype, string>;
  for (const r of await listRedactions(ctx.db, t.id)) {
    await decideRedaction(ctx, me, { commandId: randomUUID(), testimonyId: t.id, redactionId: r.id, decision: 'rejected', expectedRev: r.rev });
    ids[r.subtype as QuasiSubtype] = r.id;
  }
  return { id: t.id, ids };
}

beforeAll(async () => {
  srv = await startTestServer();
  [editor, safety] = await Promise.all([
    buildUser(srv.app.ctx, { role: 'editor', name: 'Edith Editor' }),
    buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Sara Safety' }),
  ]);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await srv.close();
});

describe('re-identification risk', () => {
  it('falls from high to low as quasi-identifiers are redacted or generalised, with the reasons following', async () => {
    const t = await quasiTestimony();
    const so = await socketOf(safety);
    const redaction = async (id: string) => (await snapshot(t.id)).redactions.find((r) => r.id === id)!;
    const send = async (event: string, payload: Record<string, unknown>) =>
      emitAck<Ack<CommandResult>>(so, event, { commandId: randomUUID(), testimonyId: t.id, ...payload });
    const accept = async (id: string) => send('redaction.decide', { redactionId: id, decision: 'accepted', expectedRev: (await redaction(id)).rev });

    const start = await snapshot(t.id);
    expect(start.testimony.risk).toMatchObject({ level: 'high', reasons: ['profession or rank', 'exact age', 'home region or origin', 'exact date of a personal event'] });
    expect(await queueRisk(t.id)).toEqual(start.testimony.risk);

    // The age redacted: the generalise mode would still show an age range.
    expect(await accept(t.ids.age)).toMatchObject({ ok: true });
    expect((await snapshot(t.id)).testimony.risk).toMatchObject({ level: 'high', reasons: ['profession or rank', 'home region or origin', 'exact date of a personal event', 'age range'] });

    // The profession redacted: its default generalisation is a bare label, so it no longer counts.
    expect(await accept(t.ids.profession)).toMatchObject({ ok: true });
    expect((await snapshot(t.id)).testimony.risk).toMatchObject({ level: 'medium', reasons: ['home region or origin', 'exact date of a personal event', 'age range'] });

    // The origin generalised by hand. A "generalisation" that repeats the original is refused.
    const origin = await redaction(t.ids.origin);
    expect(await send('redaction.update', { redactionId: origin.id, generalisation: 'living FROM THE NORTHERN HILLS', expectedRev: origin.rev })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await send('redaction.update', { redactionId: origin.id, generalisation: 'from the north of the country', expectedRev: origin.rev })).toMatchObject({ ok: true });
    expect((await redaction(origin.id)).generalisation).toBe('from the north of the country');
    expect(await accept(origin.id)).toMatchObject({ ok: true });
    expect((await snapshot(t.id)).testimony.risk).toMatchObject({ level: 'low', reasons: ['exact date of a personal event', 'age range', 'generalised origin'] });

    expect(await accept(t.ids.date)).toMatchObject({ ok: true });
    const end = await snapshot(t.id);
    expect(end.testimony.risk).toMatchObject({ level: 'low', reasons: ['age range', 'generalised origin', 'year of a personal event'] });
    expect(await queueRisk(t.id)).toEqual(end.testimony.risk);
  });

  it('refuses a high-risk safety sign-off without a written acknowledgement, accepts and audits it with one', async () => {
    const t = await quasiTestimony();
    const v0 = (await snapshot(t.id)).testimony.version;
    const { version } = await setStatus(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, status: 'in_review', version: v0 });
    const so = await socketOf(safety);
    const signOff = (extra: Record<string, unknown> = {}) =>
      emitAck<Ack<CommandResult>>(so, 'approval.submit', { commandId: randomUUID(), testimonyId: t.id, kind: 'safety', version, ...extra });

    const refused = await signOff();
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'risk_acknowledgement_required', details: { level: 'high', reasons: ['profession or rank', 'exact age', 'home region or origin', 'exact date of a personal event'] } },
    });
    expect((await snapshot(t.id)).approvals).toEqual([]);
    // An acknowledgement too short to say anything is a bad request, not a sign-off.
    expect(await signOff({ riskAcknowledgement: 'ok' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    const text = 'The witness asked for these details to stay; the region has tens of thousands of engineers.';
    expect(await signOff({ riskAcknowledgement: text })).toMatchObject({ ok: true });
    const approval = (await snapshot(t.id)).approvals.find((a) => a.kind === 'safety');
    expect(approval).toMatchObject({ user: { id: safety.id }, riskLevel: 'high', riskAcknowledgement: text });

    const audited = await srv.app.ctx.db
      .select({ payload: schema.auditEvents.payload, actorId: schema.auditEvents.actorId })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.testimonyId, t.id), eq(schema.auditEvents.type, 'approval.added')));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actorId).toBe(safety.id);
    expect((audited[0]?.payload as { approval: ApprovalDto }).approval).toMatchObject({ riskLevel: 'high', riskAcknowledgement: text });
  });

  it('a low-risk safety sign-off needs no acknowledgement and records the level', async () => {
    const t = await quasiTestimony();
    const me = callerOf(editor);
    for (const r of await listRedactions(srv.app.ctx.db, t.id)) {
      await decideRedaction(srv.app.ctx, me, { commandId: randomUUID(), testimonyId: t.id, redactionId: r.id, decision: 'accepted', expectedRev: r.rev });
    }
    const v0 = (await snapshot(t.id)).testimony.version;
    const { version } = await setStatus(srv.app.ctx, me, { commandId: randomUUID(), testimonyId: t.id, status: 'in_review', version: v0 });
    const so = await socketOf(safety);
    expect(await emitAck(so, 'approval.submit', { commandId: randomUUID(), testimonyId: t.id, kind: 'safety', version })).toMatchObject({ ok: true });
    expect((await snapshot(t.id)).approvals[0]).toMatchObject({ riskLevel: 'low', riskAcknowledgement: null });
  });
});
