import { createHash } from 'node:crypto';
import type { CreateTestimonyBody, TestimonyListQuery, TestimonySnapshot, TestimonySummary } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { appendEvent, lockStream, testimonyStream, viewStream } from '../repo/audit.repo.ts';
import {
  findTestimony,
  findTestimonySummary,
  insertTestimony,
  listTestimonies,
  lockTestimony,
  testimonyExists,
} from '../repo/testimonies.repo.ts';
import { listApprovals, listComments, listGroups, listRedactions } from '../repo/redactions.repo.ts';
import { findUser } from '../repo/users.repo.ts';
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
    await appendEvent(tx, {
      stream,
      seq: 2,
      testimonyId: t.id,
      actorId: null,
      type: 'redactions.suggested',
      payload: { redactions: redactions.map((r) => presentRedaction(r, actors)), groups: groups.map(presentGroup) },
      version: 1,
      commandId: null,
    });
    // seq, version and head_hash follow from these two events (the chain trigger, migration 0007).
    return t.id;
  });
  const s = await findTestimonySummary(ctx.db, id);
  if (!s) throw new AppError('not_found', 'Testimony vanished');
  const summary = presentSummary(s, await loadActors(ctx.db));
  ctx.publish.queueChanged(summary);
  return summary;
}

/**
 * Reads the original text for an authorised caller and records the view (who saw which
 * original, when) in the testimony's own hash-chained **views** stream. A view is not a
 * decision: it neither locks the testimony nor moves its decision chain, so joins never wait
 * for (or delay) commands. The view is recorded before the text is read: if recording fails,
 * nothing is shown.
 */
export async function viewTestimony(ctx: Ctx, caller: Caller, id: string, via: 'http' | 'socket'): Promise<TestimonySnapshot> {
  await ctx.db.transaction(async (tx) => {
    if (!(await testimonyExists(tx, id))) throw new AppError('not_found', 'No such testimony');
    await lockStream(tx, viewStream(id));
    await appendEvent(tx, { stream: viewStream(id), testimonyId: id, actorId: caller.id, type: 'testimony.viewed', payload: { via }, version: 0, commandId: null });
  });
  // One consistent snapshot (repeatable read) without any lock: every row as of one instant.
  return ctx.db.transaction(
    async (tx) => {
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
      return presentSnapshot({ ...t, openSuggestions: counts.openSuggestions, acceptedRedactions: counts.acceptedRedactions }, { redactions, groups, comments, approvals, ledger }, actors);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
