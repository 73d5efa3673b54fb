import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Ack, CommandResult, TestimonySummary } from '@desk/protocol';
import { emitAck, startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser, type BuiltUser } from './factories.ts';
import { DeskClient, ok, waitFor } from './realtime-client.ts';
import { verifyChains } from '../src/audit/verify.ts';

let srv: TestServer;
let alice: BuiltUser;
let bob: BuiltUser;
let carol: BuiltUser;

beforeAll(async () => {
  srv = await startTestServer();
  alice = await buildUser(srv.app.ctx, { role: 'editor', name: 'Alice' });
  bob = await buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Bob' });
  carol = await buildUser(srv.app.ctx, { role: 'editor', name: 'Carol' });
});
afterAll(() => srv.close());

const fresh = (): Promise<TestimonySummary> => buildTestimony(srv.app.ctx, {}, alice);

describe('two editors on one testimony', () => {
  it('see each other’s redactions, in the same order, with dense sequence numbers', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const b = await DeskClient.open(srv.url, bob, t.id);
    const start = b.seq;
    for (let i = 0; i < 5; i++) {
      ok(await a.command('redaction.propose', { start: i, end: i + 2, category: 'person' }));
      ok(await b.command('redaction.propose', { start: 20 + i, end: 22 + i, category: 'place' }));
    }
    await waitFor(() => a.seq === b.seq && b.seq >= start + 10, 'both clients to catch up');
    const proposed = (c: DeskClient) => c.events.filter((e) => e.type === 'redaction.proposed').map((e) => `${e.seq}:${e.actor?.name}`);
    expect(proposed(a).slice(-10)).toEqual(proposed(b).slice(-10));
    expect(proposed(b).slice(-10).map((s) => s.split(':')[1])).toEqual(['Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Bob', 'Alice', 'Bob']);
    const seqs = b.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(a.hash()).toBe(b.hash());
    a.close();
    b.close();
  });

  it('applies a repeated command id once and answers the retry with the first ack', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const cmd = { commandId: randomUUID(), testimonyId: t.id, start: 3, end: 9, category: 'person' };
    const first = ok(await emitAck<Ack<CommandResult>>(a.socket, 'redaction.propose', cmd));
    const [again, third] = await Promise.all([
      emitAck<Ack<CommandResult>>(a.socket, 'redaction.propose', cmd),
      emitAck<Ack<CommandResult>>(a.socket, 'redaction.propose', cmd),
    ]);
    expect(ok(again)).toEqual({ ...first, duplicate: true });
    expect(ok(third)).toEqual({ ...first, duplicate: true });
    await waitFor(() => a.seq >= first.seq, 'the event');
    const spans = [...a.redactions.values()].filter((r) => r.start === 3 && r.end === 9 && r.source === 'user');
    expect(spans).toHaveLength(1);
    expect(a.events.filter((e) => e.type === 'redaction.proposed' && e.payload.redaction.start === 3 && e.payload.redaction.end === 9)).toHaveLength(1);
    a.close();
  });

  it('answers each command of a concurrent burst on its own: failures alone, duplicates once, seqs dense', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const b = await DeskClient.open(srv.url, bob, t.id);
    const twice = { commandId: randomUUID(), testimonyId: t.id, start: 40, end: 44, category: 'place' };
    const sends: Promise<Ack<CommandResult>>[] = [];
    for (let i = 0; i < 24; i++) {
      const who = i % 2 ? a : b;
      if (i === 7) sends.push(who.command('redaction.propose', { start: 1, end: 1_000_000, category: 'person' })); // past the end
      else if (i === 13) sends.push(who.command('redaction.decide', { redactionId: randomUUID(), decision: 'accepted', expectedRev: 0 }));
      else if (i >= 20) sends.push(emitAck<Ack<CommandResult>>(a.socket, 'redaction.propose', twice)); // one user's retries
      else sends.push(who.command('redaction.propose', { start: i, end: i + 4, category: 'person' }));
    }
    const acks = await Promise.all(sends);
    expect(acks[7]).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(acks[13]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const applied = acks.filter((x, i) => i < 20 && x.ok).map((x) => ok(x));
    expect(applied).toHaveLength(18);
    const dupes = acks.slice(20).map(ok);
    expect(dupes.filter((d) => !d.duplicate)).toHaveLength(1);
    expect(new Set(dupes.map((d) => d.seq)).size).toBe(1);
    const seqs = [...applied, dupes.find((d) => !d.duplicate)!].map((r) => r.seq).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(19);
    await waitFor(() => a.seq >= seqs.at(-1)! && b.seq >= seqs.at(-1)!, 'all events');
    expect([...a.redactions.values()].filter((r) => r.source === 'user')).toHaveLength(19);
    expect(a.hash()).toBe(b.hash());
    a.close();
    b.close();
  });

  it('delivers a burst in few messages, in seq order, each sender’s event before its ack', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const b = await DeskClient.open(srv.url, bob, t.id);
    const messages: number[][] = [];
    b.socket.on('testimony.events', (p) => p.testimonyId === t.id && messages.push(p.events.map((e) => e.seq)));
    // Command ids are not broadcast: an ack's seq names the event it produced.
    const seenByA = new Set<number>();
    a.socket.on('testimony.events', (p) => p.events.forEach((e) => seenByA.add(e.seq)));
    const ackedBeforeEvent: string[] = [];
    const burst = Array.from({ length: 40 }, (_, i) => {
      const commandId = randomUUID();
      return emitAck<Ack<CommandResult>>(a.socket, 'redaction.propose', { commandId, testimonyId: t.id, start: i, end: i + 3, category: 'person' }).then((ack) => {
        if (!seenByA.has(ok(ack).seq)) ackedBeforeEvent.push(commandId);
        return ok(ack);
      });
    });
    const acks = await Promise.all(burst);
    await waitFor(() => b.seq >= Math.max(...acks.map((r) => r.seq)), 'the burst to reach the other editor');
    const seqs = messages.flat().filter((s) => s > acks[0]!.seq - 1);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(seqs).toHaveLength(40);
    // Commits that finish together go out together: one socket write per room, not per event.
    expect(messages.length).toBeLessThan(40);
    expect(ackedBeforeEvent).toEqual([]);
    a.close();
    b.close();
  });

  it('keeps each testimony’s sequence dense and its chain intact when a burst spans several testimonies', async () => {
    const ts = await Promise.all([fresh(), fresh(), fresh()]);
    const clients = await Promise.all(ts.map((t, i) => DeskClient.open(srv.url, [alice, bob, carol][i]!, t.id)));
    const sends: Promise<Ack<CommandResult>>[] = [];
    for (let i = 0; i < 45; i++) {
      const c = clients[i % 3]!;
      // One bad command per testimony: it must fail alone.
      if (i >= 30 && i < 33) sends.push(c.command('comment.add', { body: 'x', parentId: randomUUID() }));
      else sends.push(c.command('redaction.propose', { start: i, end: i + 3, category: 'person' }));
    }
    const acks = await Promise.all(sends);
    acks.slice(30, 33).forEach((a) => expect(a).toMatchObject({ ok: false, error: { code: 'not_found' } }));
    for (const [k, c] of clients.entries()) {
      const mine = acks.filter((_, i) => i % 3 === k && (i < 30 || i >= 33)).map(ok);
      expect(mine).toHaveLength(14);
      const seqs = mine.map((r) => r.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(seqs.map((_, j) => seqs[0]! + j));
      await waitFor(() => c.seq >= seqs.at(-1)!, 'events');
      expect([...c.redactions.values()].filter((r) => r.source === 'user')).toHaveLength(14);
    }
    const report = await verifyChains(srv.app.ctx.db);
    expect(report.broken.filter((x) => ts.some((t) => x.stream === `testimony:${t.id}`))).toEqual([]);
    clients.forEach((c) => c.close());
  });

  it('keeps both of two overlapping proposals', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const b = await DeskClient.open(srv.url, carol, t.id);
    await Promise.all([
      a.command('redaction.propose', { start: 10, end: 20, category: 'person' }),
      b.command('redaction.propose', { start: 15, end: 25, category: 'place' }),
    ]);
    await waitFor(() => a.seq === b.seq && [...a.redactions.values()].filter((r) => r.source === 'user').length === 2, 'both proposals');
    expect(a.hash()).toBe(b.hash());
    a.close();
    b.close();
  });

  it('resolves a concurrent accept and reject of one span to one outcome and tells the overridden person', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const b = await DeskClient.open(srv.url, bob, t.id);
    const { seq } = ok(await a.command('redaction.propose', { start: 0, end: 11, category: 'person', reason: 'name' }));
    await waitFor(() => a.seq >= seq && b.seq >= seq, 'the proposal');
    const r = [...a.redactions.values()].find((x) => x.start === 0 && x.end === 11 && x.source === 'user')!;
    const [accept, reject] = await Promise.all([
      a.command('redaction.decide', { redactionId: r.id, decision: 'accepted', expectedRev: r.rev }),
      b.command('redaction.decide', { redactionId: r.id, decision: 'rejected', expectedRev: r.rev }),
    ]);
    const aSeq = ok(accept).seq;
    const bSeq = ok(reject).seq;
    expect(aSeq).not.toBe(bSeq);
    const [winner, loser, outcome] = aSeq > bSeq ? [a, b, 'accepted'] : [b, a, 'rejected'];
    await waitFor(() => loser.notices.length === 1, 'a conflict notice');
    await waitFor(() => a.seq === b.seq && a.seq >= Math.max(aSeq, bSeq), 'both clients to converge');
    expect(a.redactions.get(r.id)?.state).toBe(outcome);
    expect(b.redactions.get(r.id)?.state).toBe(outcome);
    expect(a.hash()).toBe(b.hash());
    const notice = loser.notices[0]!;
    expect(notice).toMatchObject({
      testimonyId: t.id,
      redactionId: r.id,
      command: 'redaction.decide',
      yours: { state: outcome === 'accepted' ? 'rejected' : 'accepted' },
      theirs: { by: { id: winner.user.id, name: winner.user.name }, state: outcome, seq: Math.max(aSeq, bSeq) },
    });
    expect(winner.notices).toHaveLength(0);
    const last = winner.events.find((e) => e.seq === Math.max(aSeq, bSeq));
    expect(last?.type === 'redaction.updated' && last.payload.overrode?.by.id).toBe(loser.user.id);
    a.close();
    b.close();
  });

  it('does not report a deliberate change made after seeing the other decision', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const b = await DeskClient.open(srv.url, bob, t.id);
    const { seq } = ok(await a.command('redaction.propose', { start: 0, end: 5, category: 'person' }));
    await waitFor(() => b.seq >= seq, 'proposal');
    const r = [...b.redactions.values()].find((x) => x.start === 0 && x.end === 5 && x.source === 'user')!;
    const s2 = ok(await a.command('redaction.decide', { redactionId: r.id, decision: 'accepted', expectedRev: r.rev })).seq;
    await waitFor(() => b.seq >= s2, 'accept');
    const seen = b.redactions.get(r.id)!;
    ok(await b.command('redaction.decide', { redactionId: r.id, decision: 'rejected', expectedRev: seen.rev }));
    await new Promise((res) => setTimeout(res, 200));
    expect(a.notices).toHaveLength(0);
    a.close();
    b.close();
  });
});

describe('two pools contending for one testimony (as two processes would)', () => {
  it('keeps the audit chain intact when batches wait on each other’s lock', async () => {
    const other = await startTestServer();
    try {
      const t = await fresh();
      const a = await DeskClient.open(srv.url, alice, t.id);
      const b = await DeskClient.open(other.url, bob, t.id);
      const sends = [];
      for (let i = 0; i < 60; i++) sends.push((i % 2 ? a : b).command('redaction.propose', { start: i, end: i + 2, category: 'person' }));
      const seqs = (await Promise.all(sends)).map((x) => ok(x).seq);
      expect(new Set(seqs).size).toBe(60);
      const report = await verifyChains(srv.app.ctx.db);
      expect(report.broken.filter((x) => x.stream === `testimony:${t.id}`)).toEqual([]);
      a.close();
      b.close();
    } finally {
      await other.close();
    }
  });
});

describe('reconnect', () => {
  it('converges after missing 100 events: replay from the audit log, and a snapshot when too far behind', async () => {
    const t = await fresh();
    // A user's command allowance (burst 60) is shared by every test of this file; people of their
    // own start this burst of 50 commands each with a full one, however fast the earlier tests ran.
    const [pia, quinn, rui] = await Promise.all([
      buildUser(srv.app.ctx, { role: 'editor', name: 'Pia' }),
      buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Quinn' }),
      buildUser(srv.app.ctx, { role: 'editor', name: 'Rui' }),
    ]);
    const a = await DeskClient.open(srv.url, pia, t.id);
    const b = await DeskClient.open(srv.url, quinn, t.id);
    const c = await DeskClient.open(srv.url, rui, t.id);
    c.socket.disconnect();
    const body = (await srv.app.ctx.db.query.testimonies.findFirst({ where: (x, { eq }) => eq(x.id, t.id) }))!.body;
    const sends = [];
    for (let i = 0; i < 100; i++) {
      const who = i % 2 ? a : b;
      const start = (i * 7) % (body.length - 10);
      sends.push(who.command('redaction.propose', { start, end: start + 3, category: i % 3 ? 'person' : 'place' }));
    }
    const results = (await Promise.all(sends)).map(ok);
    const last = Math.max(...results.map((r) => r.seq));
    await waitFor(() => a.seq >= last && b.seq >= last, 'connected clients', 10_000);

    const missedFrom = c.seq;
    c.socket.connect();
    await waitFor(() => c.socket.connected, 'reconnect');
    // The new connection is in no room: sync re-enters it and replays from the audit log.
    expect(await c.sync()).toBe('events');
    expect(c.events.filter((e) => e.seq > missedFrom).length).toBeGreaterThanOrEqual(100);
    await waitFor(() => c.seq >= last, 'replay', 10_000);
    await waitFor(() => a.seq === c.seq && b.seq === c.seq, 'all at one seq');
    expect(c.hash()).toBe(a.hash());
    expect(c.hash()).toBe(b.hash());
    expect(c.redactions.size).toBe(a.redactions.size);

    // A client whose seq is ahead of the server (e.g. restored from another database) gets a snapshot.
    c.seq = c.seq + 10_000;
    expect(await c.sync()).toBe('snapshot');
    expect(c.hash()).toBe(a.hash());
    for (const x of [a, b, c]) x.close();
  });

  it('answers a sync for an unknown testimony with not_found and leaves no room behind', async () => {
    const t = await fresh();
    const a = await DeskClient.open(srv.url, alice, t.id);
    const ack = await emitAck<Ack<unknown>>(a.socket, 'testimony.sync', { testimonyId: randomUUID(), sinceSeq: 0 });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const rooms = [...(srv.app.io.sockets.sockets.get(a.socket.id!)?.rooms ?? [])].filter((r) => r.startsWith('testimony:'));
    expect(rooms).toEqual([`testimony:${t.id}`]);
    a.close();
  });
});
