import type { CommandPayload, CommandResult } from '@desk/protocol';
import { revealsOriginal } from '@desk/redaction';
import { AppError } from '../errors.ts';
import { randomUUID } from 'node:crypto';
import { deleteRedaction, findRedaction, insertRedactions, updateRedaction, type RedactionRow } from '../repo/redactions.repo.ts';
import type { Tx } from '../repo/conn.ts';
import { presentRedaction } from '../presenters/testimony.presenter.ts';
import { actorOf, loadActors, type Actors } from '../presenters/user.presenter.ts';
import type { Actor } from '@desk/protocol';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { CommandOutcome } from './engine/types.ts';
import { conflictNotices, overriddenDecision } from './conflicts.ts';
import type { Caller, Ctx } from './context.ts';

/** Rejects spans that fall outside the frozen body or split a surrogate pair (half an emoji). */
export function assertSpan(body: string, start: number, end: number): void {
  if (end > body.length) throw new AppError('bad_request', `Span ends at ${end}, past the end of the text (${body.length})`);
  const splits = (i: number) => i > 0 && i < body.length && /[\uDC00-\uDFFF]/.test(body[i] ?? '') && /[\uD800-\uDBFF]/.test(body[i - 1] ?? '');
  if (splits(start) || splits(end)) throw new AppError('bad_request', 'Span boundary splits a character');
}

/**
 * A new span. With `accept` it is the caller's own decision, accepted at once (the same rule as
 * redact-all), so it is authorised as a decision; without it, a proposal someone else decides.
 */
export function proposeRedaction(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.propose'>): Promise<CommandResult> {
  const action = p.accept ? 'redaction.decide' : 'redaction.propose';
  return runTestimonyCommand(ctx, caller, { name: 'redaction.propose', action, ...p }, async (tx, t) => {
    assertSpan(t.body, p.start, p.end);
    const now = new Date();
    // Overlapping proposals are all kept: reviewers see both and decide each.
    const row: RedactionRow = {
      id: randomUUID(),
      testimonyId: t.id,
      start: p.start,
      end: p.end,
      category: p.category,
      subtype: p.subtype ?? null,
      generalisation: null,
      state: p.accept ? 'accepted' : 'suggested',
      entityGroupId: null,
      reason: p.reason ?? null,
      confidence: null,
      source: 'user',
      rev: 0,
      proposedBy: caller.id,
      decidedBy: p.accept ? caller.id : null,
      decidedAt: p.accept ? now : null,
      lastDecisionSeq: p.accept ? t.seq + 1 : null,
      createdAt: now,
      updatedAt: now,
    };
    await insertRedactions(tx, [row]);
    const actors = await loadActors(tx, [caller.id]);
    return { events: [{ type: 'redaction.proposed', payload: { redaction: presentRedaction(row, actors) }, bumpsVersion: true }] };
  });
}

async function loadTarget(tx: Tx, testimonyId: string, redactionId: string, caller: Caller): Promise<{ actors: Actors; me: Actor; r: NonNullable<Awaited<ReturnType<typeof findRedaction>>> }> {
  const r = await findRedaction(tx, testimonyId, redactionId);
  if (!r) throw new AppError('not_found', 'No such redaction in this testimony');
  const actors = await loadActors(tx, [caller.id, r.decidedBy]);
  const me = actorOf(actors, caller.id);
  if (!me) throw new AppError('unauthenticated', 'Unknown user');
  return { actors, me, r };
}

/**
 * Accept or reject one span. When someone else decided it differently since the caller last
 * saw it (`expectedRev` is stale), the later decision in sequence order stands, the event
 * carries what it overrode, and the overridden person gets a conflict notice.
 */
export function decideRedaction(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.decide'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'redaction.decide', action: 'redaction.decide', ...p }, async (tx, t) => {
    const { actors, me, r } = await loadTarget(tx, t.id, p.redactionId, caller);
    if (r.state === p.decision) return { events: [] };
    const overrode = overriddenDecision(r, caller, { state: p.decision, category: r.category }, p.expectedRev, actors);
    const updated = await updateRedaction(tx, r.id, { state: p.decision, decidedBy: caller.id, decidedAt: new Date(), rev: r.rev + 1, lastDecisionSeq: t.seq + 1 });
    return {
      events: [{ type: 'redaction.updated', payload: { redaction: presentRedaction(updated, actors), overrode }, bumpsVersion: true }],
      conflicts: overrode ? conflictNotices(t.id, me, 'redaction.decide', [{ redaction: r, overrode, now: { state: p.decision, category: r.category } }]) : [],
    };
  });
}

/**
 * Change the category, reason, quasi subtype or generalisation of a span. A new category on an
 * accepted span is a decision (it changes the pseudonym in every export), so it follows the same
 * concurrency rule. Leaving the quasi category drops subtype and generalisation with it.
 */
export function updateRedactionDetails(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.update'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'redaction.update', action: 'redaction.decide', ...p }, async (tx, t) => {
    const { actors, me, r } = await loadTarget(tx, t.id, p.redactionId, caller);
    const category = p.category ?? r.category;
    const reason = p.reason === undefined ? r.reason : p.reason;
    const quasi = quasiDetails(r, category, p, t.body);
    if (category === r.category && reason === r.reason && quasi.subtype === r.subtype && quasi.generalisation === r.generalisation) return { events: [] };
    const overrode = overriddenDecision(r, caller, { state: r.state, category }, p.expectedRev, actors);
    const decision = category !== r.category && r.state !== 'suggested' ? { decidedBy: caller.id, decidedAt: new Date(), lastDecisionSeq: t.seq + 1 } : {};
    const updated = await updateRedaction(tx, r.id, { category, reason, ...quasi, rev: r.rev + 1, ...decision });
    return {
      events: [{ type: 'redaction.updated', payload: { redaction: presentRedaction(updated, actors), overrode }, bumpsVersion: true }],
      conflicts: overrode ? conflictNotices(t.id, me, 'redaction.update', [{ redaction: r, overrode, now: { state: r.state, category } }]) : [],
    };
  });
}

/**
 * Subtype and generalisation after an update. Only quasi-identifiers carry them; a written
 * generalisation that shows the original value again (itself or a spelling of it) is refused,
 * since the generalise export mode would print it. The message never quotes either text.
 */
function quasiDetails(
  r: RedactionRow,
  category: RedactionRow['category'],
  p: CommandPayload<'redaction.update'>,
  body: string,
): Pick<RedactionRow, 'subtype' | 'generalisation'> {
  if (category !== 'quasi') {
    if (p.subtype || p.generalisation) throw new AppError('bad_request', 'Only a quasi-identifier has a subtype or a generalisation');
    return { subtype: r.category === 'quasi' ? null : r.subtype, generalisation: null };
  }
  const subtype = p.subtype === undefined ? r.subtype : p.subtype;
  const generalisation = p.generalisation === undefined ? r.generalisation : p.generalisation;
  if (p.generalisation && revealsOriginal(p.generalisation, body.slice(r.start, r.end))) {
    throw new AppError('bad_request', 'The generalisation shows the original value again; write a coarser one', { field: 'generalisation' });
  }
  return { subtype, generalisation };
}

/**
 * Delete a span (a mistaken proposal). Removing someone else's accepted span un-redacts it,
 * so a stale `expectedRev` there is a concurrent override like any other and is reported.
 */
export function removeRedaction(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.remove'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'redaction.remove', action: 'redaction.decide', ...p }, async (tx, t): Promise<CommandOutcome> => {
    const { actors, me, r } = await loadTarget(tx, t.id, p.redactionId, caller);
    const overrode = overriddenDecision(r, caller, { state: 'rejected', category: r.category }, p.expectedRev, actors);
    await deleteRedaction(tx, r.id);
    return {
      events: [{ type: 'redaction.removed', payload: { redactionId: r.id, overrode }, bumpsVersion: true }],
      conflicts: overrode ? conflictNotices(t.id, me, 'redaction.remove', [{ redaction: r, overrode, now: { state: 'removed', category: r.category } }]) : [],
    };
  });
}
