import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CreateTestimonyBody, TestimonyListQuery, TestimonySnapshot, TestimonySummary } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { appendEvent, testimonyStream } from '../repo/audit.repo.ts';
import {
  findTestimony,
  findTestimonySummary,
  insertTestimony,
  listTestimonies,
  lockTestimony,
  updateTestimony,
} from '../repo/testimonies.repo.ts';
import { listApprovals, listComments, listGroups, listRedactions } from '../repo/redactions.repo.ts';
import { findUser } from '../repo/users.repo.ts';
import { presentEvent } from '../presenters/event.presenter.ts';
import { presentGroup, presentRedaction, presentSnapshot, presentSummary } from '../presenters/testimony.presenter.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import { storeSuggestions } from './suggestions.ts';
import { storeLedger, termKey } from './ledger.candidates.ts';
import { jobs } from '../workers/pool.ts';
import { allowTerms } from '../repo/allowlist.repo.ts';
import { listLedger } from '../repo/ledger.repo.ts';
import type { Caller, Ctx } from './context.ts';

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export async function listQueue(ctx: Ctx, caller: Caller, q: TestimonyListQuery): Promise<TestimonySummary[]> {
  const [rows, actors] = await Promise.all([listTestimonies(ctx.db, q, caller.id), loadActors(ctx.db)]);
  return rows.map((r) => presentSummary(r, actors));
}

/**
 * Freezes the text (NFC, so offsets never shift under a later normalisation), stores the
 * engine's suggestions (the organisation's allow-list passed as extra public terms) and its
 * name-ledger candidates, and writes `testimony.created` + `redactions.suggested` as the first
 * two events of the testimony's chain, all in one transaction.
 */
export async function createTestimony(ctx: Ctx, caller: Caller | null, body: CreateTestimonyBody): Promise<TestimonySummary> {
  const text = body.body.normalize('NFC');
  if (body.assigneeId && !(await findUser(ctx.db, body.assigneeId))) throw new AppError('bad_request', 'Unknown assignee');
  const allow = await allowTerms(ctx.db);
  // Detection on a worker thread (a 2,000,000-character body takes seconds); `busy` when the queue is full.
  const { spans, review } = await jobs(ctx).run('detect', { body: text, allow });
  const id = await ctx.db.transaction(async (tx) => {
    const t = await insertTestimony(tx, {
      title: body.title,
      language: body.language,
      sourceNote: body.sourceNote ?? null,
      body: text,
      bodySha256: sha256(text),
      assigneeId: body.assigneeId ?? null,
      dueDate: body.dueDate ?? null,
      createdBy: caller?.id ?? null,
    });
    await lockTestimony(tx, t.id);
    const actorId = caller?.id ?? null;
    const stream = testimonyStream(t.id);
    await appendEvent(tx, {
      stream,
      seq: 1,
      testimonyId: t.id,
      actorId,
      type: 'testimony.created',
      payload: { title: t.title, bodySha256: t.bodySha256, rawSha256: body.rawSha256 ?? null },
      version: 0,
      commandId: null,
    });
    const { redactions, groups } = await storeSuggestions(tx, t.id, text, spans);
    await storeLedger(tx, t.id, text, review, new Set(allow.map(termKey)));
    const actors = await loadActors(tx);
    const head = await appendEvent(tx, {
      stream,
      seq: 2,
      testimonyId: t.id,
      actorId: null,
      type: 'redactions.suggested',
      payload: { redactions: redactions.map((r) => presentRedaction(r, actors)), groups: groups.map(presentGroup) },
      version: 1,
      commandId: null,
    });
    await updateTestimony(tx, t.id, { seq: 2, version: 1, headHash: head.hash });
    return t.id;
  });
  const s = await findTestimonySummary(ctx.db, id);
  if (!s) throw new AppError('not_found', 'Testimony vanished');
  const summary = presentSummary(s, await loadActors(ctx.db));
  ctx.publish.queueChanged(summary);
  return summary;
}

/**
 * Reads the original text for an authorised caller and records the view in the testimony's
 * audit chain (who saw which original, when). The view event is broadcast like any other,
 * so clients' sequence numbers stay dense.
 */
export async function viewTestimony(ctx: Ctx, caller: Caller, id: string, via: 'http' | 'socket'): Promise<TestimonySnapshot> {
  const { snapshot, event } = await ctx.db.transaction(async (tx) => {
    const locked = await lockTestimony(tx, id);
    if (!locked) throw new AppError('not_found', 'No such testimony');
    const seq = locked.seq + 1;
    const row = await appendEvent(tx, {
      stream: testimonyStream(id),
      seq,
      testimonyId: id,
      actorId: caller.id,
      type: 'testimony.viewed',
      payload: { via },
      version: locked.version,
      commandId: null,
    });
    await tx.execute(sql`UPDATE testimonies SET seq = ${seq}, head_hash = ${row.hash} WHERE id = ${id}`);
    // Sequential on purpose: one transaction is one connection, and pg runs its queries in turn anyway.
    const t = await findTestimony(tx, id);
    const counts = await findTestimonySummary(tx, id);
    const redactions = await listRedactions(tx, id);
    const groups = await listGroups(tx, id);
    const comments = await listComments(tx, id);
    const approvals = await listApprovals(tx, id);
    const ledger = await listLedger(tx, id);
    const actors = await loadActors(tx);
    if (!t || !counts) throw new AppError('not_found', 'No such testimony');
    const snap = presentSnapshot({ ...t, openSuggestions: counts.openSuggestions, acceptedRedactions: counts.acceptedRedactions }, { redactions, groups, comments, approvals, ledger }, actors);
    return { snapshot: snap, event: presentEvent(row, actors) };
  });
  ctx.publish.testimonyEvents([event]);
  return snapshot;
}
