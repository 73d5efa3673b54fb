import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Ack } from '@desk/protocol';
import type { Action } from '../../src/policy/policy.ts';
import type { Caller, Ctx } from '../../src/commands/context.ts';
import { proposeRedaction } from '../../src/commands/redactions.commands.ts';
import { addComment } from '../../src/commands/comments.commands.ts';
import { api, emitAck, type ClientSocket } from '../harness.ts';
import { buildTestimony, LEDGER_BODY } from '../factories.ts';

export type Outcome = { kind: 'allowed' | 'denied' | 'pending' | 'error'; detail: string };
export type Cell = { url: string; cookie: string | undefined; socket: ClientSocket | null; ctx: Ctx; helper: Caller };
type Door = { name: string; run: (c: Cell) => Promise<Outcome> };

/**
 * How to exercise each policy action for real, over HTTP and over the socket. Every call
 * is valid apart from who makes it, on fresh rows, so "allowed" means the server went past
 * the authorisation check (a 2xx, or a business answer such as 409/422), and "denied" means
 * 401/403. A door whose route or command is not served yet reports "pending", never a pass.
 */
export function fromHttp(status: number, body: { error?: { code: string; message: string } } | null): Outcome {
  const detail = `${status}${body?.error ? ` ${body.error.code}` : ''}`;
  if (status === 404 && body?.error?.message === 'No such API route') return { kind: 'pending', detail: 'route missing' };
  if (status === 401 || status === 403) return { kind: 'denied', detail };
  if (status >= 500) return { kind: 'error', detail };
  return { kind: 'allowed', detail };
}

export function fromAck(res: Ack<unknown>): Outcome {
  if (res.ok) return { kind: 'allowed', detail: 'ok' };
  const detail = res.error.code;
  if (res.error.code === 'bad_request' && /not available/.test(res.error.message)) return { kind: 'pending', detail: 'command missing' };
  if (res.error.code === 'unauthenticated' || res.error.code === 'forbidden') return { kind: 'denied', detail };
  if (res.error.code === 'internal') return { kind: 'error', detail };
  return { kind: 'allowed', detail };
}

const get = (path: (c: Cell) => Promise<string> | string): Door['run'] => async (c) => {
  const r = await api(c.url, await path(c), { cookie: c.cookie });
  return fromHttp(r.status, r.json);
};
const post = (path: string, body: () => unknown, method = 'POST'): Door['run'] => async (c) => {
  const r = await api(c.url, path, { method, cookie: c.cookie, body: body() });
  return fromHttp(r.status, r.json);
};
const emit = (event: string, payload: (c: Cell) => Promise<unknown>): Door['run'] => async (c) => {
  if (!c.socket) return { kind: 'denied', detail: 'handshake refused' };
  return fromAck(await emitAck<Ack<unknown>>(c.socket, event, await payload(c)));
};

/** Fresh rows per cell, made by a helper account through the server's own commands. */
const fresh = async (c: Cell, status?: string) => {
  const t = await buildTestimony(c.ctx);
  if (status) await c.ctx.db.execute(sql`UPDATE testimonies SET status = ${status} WHERE id = ${t.id}`);
  return t;
};
const withRedaction = async (c: Cell) => {
  const t = await fresh(c);
  await proposeRedaction(c.ctx, c.helper, { commandId: randomUUID(), testimonyId: t.id, start: 0, end: 3, category: 'other' });
  const r = await c.ctx.db.execute<{ id: string; rev: number }>(sql`SELECT id, rev FROM redactions WHERE testimony_id = ${t.id} AND source = 'user'`);
  return { t, r: r.rows[0] ?? { id: randomUUID(), rev: 0 } };
};
const withComment = async (c: Cell) => {
  const t = await fresh(c);
  await addComment(c.ctx, c.helper, { commandId: randomUUID(), testimonyId: t.id, body: 'Is this a name?' });
  const r = await c.ctx.db.execute<{ id: string }>(sql`SELECT id FROM comments WHERE testimony_id = ${t.id}`);
  return { t, id: r.rows[0]?.id ?? randomUUID() };
};
const cmd = () => ({ commandId: randomUUID() });
/** A fresh testimony and the first entity of its name ledger. */
const withLedger = async (c: Cell) => {
  const t = await buildTestimony(c.ctx, { body: LEDGER_BODY });
  const r = await c.ctx.db.execute<{ id: string }>(sql`SELECT id FROM ledger_entities WHERE testimony_id = ${t.id} ORDER BY first_start LIMIT 1`);
  const id = r.rows[0]?.id;
  if (!id) throw new Error('the ledger fixture lists no candidate');
  return { t, id };
};

export const DOORS: Record<Action, { http?: Door; socket?: Door }> = {
  'testimony.list': {
    http: { name: 'GET /api/testimonies', run: get(() => '/api/testimonies') },
    socket: { name: 'queue.subscribe', run: emit('queue.subscribe', async () => ({})) },
  },
  'testimony.view': {
    http: { name: 'GET /api/testimonies/:id', run: get(async (c) => `/api/testimonies/${(await fresh(c)).id}`) },
    socket: { name: 'testimony.join', run: emit('testimony.join', async (c) => ({ testimonyId: (await fresh(c)).id })) },
  },
  'testimony.create': {
    http: { name: 'POST /api/testimonies', run: post('/api/testimonies', () => ({ title: 'Matrix', language: 'en', body: 'Samir hid in Kafr Nadeem.' })) },
  },
  'redaction.propose': {
    socket: { name: 'redaction.propose', run: emit('redaction.propose', async (c) => ({ ...cmd(), testimonyId: (await fresh(c)).id, start: 4, end: 9, category: 'person' })) },
  },
  'redaction.decide': {
    socket: {
      name: 'redaction.decide',
      run: emit('redaction.decide', async (c) => {
        const { t, r } = await withRedaction(c);
        return { ...cmd(), testimonyId: t.id, redactionId: r.id, decision: 'accepted', expectedRev: r.rev };
      }),
    },
  },
  'comment.add': { socket: { name: 'comment.add', run: emit('comment.add', async (c) => ({ ...cmd(), testimonyId: (await fresh(c)).id, body: 'Check this' })) } },
  'comment.resolve': {
    socket: {
      name: 'comment.resolve',
      run: emit('comment.resolve', async (c) => {
        const { t, id } = await withComment(c);
        return { ...cmd(), testimonyId: t.id, commentId: id, resolved: true };
      }),
    },
  },
  'testimony.setStatus': {
    socket: { name: 'testimony.setStatus', run: emit('testimony.setStatus', async (c) => ({ ...cmd(), testimonyId: (await fresh(c)).id, status: 'in_review', version: 1 })) },
  },
  'testimony.assign': {
    socket: { name: 'testimony.assign', run: emit('testimony.assign', async (c) => ({ ...cmd(), testimonyId: (await fresh(c)).id, assigneeId: c.helper.id })) },
  },
  'ledger.decide': {
    socket: {
      name: 'ledger.decide (keep not identifying)',
      run: emit('ledger.decide', async (c) => {
        const { t, id } = await withLedger(c);
        return { ...cmd(), testimonyId: t.id, entityId: id, decision: 'keep_private' };
      }),
    },
  },
  'allowlist.manage': {
    http: { name: 'POST /api/allow-list', run: post('/api/allow-list', () => ({ term: `Matrix Term ${randomUUID().slice(0, 8)}` })) },
    socket: {
      name: 'ledger.decide (keep public)',
      run: emit('ledger.decide', async (c) => {
        const { t, id } = await withLedger(c);
        return { ...cmd(), testimonyId: t.id, entityId: id, decision: 'keep_public' };
      }),
    },
  },
  'approval.editorial': {
    socket: { name: 'approval.submit (editorial)', run: emit('approval.submit', async (c) => ({ ...cmd(), testimonyId: (await fresh(c, 'in_review')).id, kind: 'editorial', version: 1 })) },
  },
  'approval.safety': {
    socket: { name: 'approval.submit (safety)', run: emit('approval.submit', async (c) => ({ ...cmd(), testimonyId: (await fresh(c, 'in_review')).id, kind: 'safety', version: 1 })) },
  },
  export: { http: { name: 'GET /api/testimonies/:id/export (approved)', run: get(async (c) => `/api/testimonies/${(await fresh(c, 'approved')).id}/export?format=txt`) } },
  'export.draft': { http: { name: 'GET /api/testimonies/:id/export (draft)', run: get(async (c) => `/api/testimonies/${(await fresh(c)).id}/export?format=txt`) } },
  'audit.read': { http: { name: 'GET /api/audit', run: get(() => '/api/audit') } },
  'dashboard.view': { http: { name: 'GET /api/dashboard', run: get(() => '/api/dashboard') } },
  'user.list': { http: { name: 'GET /api/users', run: get(() => '/api/users') } },
  'user.manage': {
    http: { name: 'POST /api/users', run: post('/api/users', () => ({ email: `m-${randomUUID().slice(0, 8)}@matrix.desk`, name: 'Matrix', role: 'editor', password: 'long-enough-password' })) },
  },
};
