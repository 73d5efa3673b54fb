import type { CommandPayload, CommandResult } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { findRedaction, insertRedactions, updateRedaction } from '../repo/redactions.repo.ts';
import { presentRedaction } from '../presenters/testimony.presenter.ts';
import { actorOf, loadActors } from '../presenters/user.presenter.ts';
import { runTestimonyCommand } from './pipeline.ts';
import type { Caller, Ctx } from './context.ts';

/** Rejects spans that fall outside the frozen body or split a surrogate pair (half an emoji). */
export function assertSpan(body: string, start: number, end: number): void {
  if (end > body.length) throw new AppError('bad_request', `Span ends at ${end}, past the end of the text (${body.length})`);
  const splits = (i: number) => i > 0 && i < body.length && /[\uDC00-\uDFFF]/.test(body[i] ?? '') && /[\uD800-\uDBFF]/.test(body[i - 1] ?? '');
  if (splits(start) || splits(end)) throw new AppError('bad_request', 'Span boundary splits a character');
}

export function proposeRedaction(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.propose'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'redaction.propose', action: 'redaction.propose', ...p }, async (tx, t) => {
    assertSpan(t.body, p.start, p.end);
    // Overlapping proposals are all kept: reviewers see both and decide each.
    const [row] = await insertRedactions(tx, [
      {
        testimonyId: t.id,
        start: p.start,
        end: p.end,
        category: p.category,
        reason: p.reason ?? null,
        source: 'user',
        state: 'suggested',
        proposedBy: caller.id,
      },
    ]);
    if (!row) throw new AppError('internal', 'Insert failed');
    const actors = await loadActors(tx);
    return { events: [{ type: 'redaction.proposed', payload: { redaction: presentRedaction(row, actors) }, bumpsVersion: true }] };
  });
}

/**
 * Accept or reject one span. When someone else decided it differently since the caller last
 * saw it (`expectedRev` is stale), the later decision in sequence order stands, the event
 * carries what it overrode, and the overridden person gets a conflict notice.
 */
export function decideRedaction(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.decide'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'redaction.decide', action: 'redaction.decide', ...p }, async (tx, t) => {
    const r = await findRedaction(tx, t.id, p.redactionId);
    if (!r) throw new AppError('not_found', 'No such redaction in this testimony');
    const actors = await loadActors(tx);
    const me = actorOf(actors, caller.id);
    const prior = r.decidedBy ? actorOf(actors, r.decidedBy) : null;
    const concurrent = r.rev !== p.expectedRev && prior !== null && r.decidedBy !== caller.id && r.state !== p.decision;
    if (r.state === p.decision && !concurrent) return { events: [] };
    const updated = await updateRedaction(tx, r.id, { state: p.decision, decidedBy: caller.id, decidedAt: new Date(), rev: r.rev + 1 });
    const overrode = concurrent && prior ? { by: prior, state: r.state, category: r.category } : null;
    return {
      events: [{ type: 'redaction.updated', payload: { redaction: presentRedaction(updated, actors), overrode }, bumpsVersion: true }],
      conflicts:
        concurrent && prior && me
          ? [
              {
                userId: prior.id,
                notice: {
                  testimonyId: t.id,
                  redactionId: r.id,
                  yours: { state: r.state, category: r.category },
                  theirs: { by: me, state: p.decision, category: updated.category },
                },
              },
            ]
          : [],
    };
  });
}
