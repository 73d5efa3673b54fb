import type { Actor, Category, CommandPayload, CommandResult, RedactionState } from '@desk/protocol';
import { variantKey, variantsMatch } from '@desk/redaction';
import { AppError } from '../errors.ts';
import type { Tx } from '../repo/conn.ts';
import {
  findGroup,
  findGroupByKey,
  groupsWithSpans,
  insertGroups,
  insertRedactions,
  nextGroupOrdinal,
  redactionsAtSpans,
  redactionsInGroup,
  updateRedaction,
  type EntityGroupRow,
  type RedactionRow,
} from '../repo/redactions.repo.ts';
import { presentGroup, presentRedaction } from '../presenters/testimony.presenter.ts';
import { actorOf, loadActors, type Actors } from '../presenters/user.presenter.ts';
import { conflictNotices, overriddenDecision, type Overrode } from './conflicts.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { CommandOutcome } from './engine/types.ts';
import type { Caller, Ctx } from './context.ts';
import { jobs } from '../workers/pool.ts';

type Replaced = { redaction: RedactionRow; overrode: Overrode; now: { state: string; category: string } };

/**
 * Applies one decision to many spans and builds the single `redactions.updated` event: spans
 * already in the wanted state are left alone (no rev bump, no noise), every earlier decision
 * by someone else that changes is listed in the event and reported to its author.
 */
async function decideMany(
  tx: Tx,
  ctx: { testimonyId: string; seq: number; caller: Caller; me: Actor; actors: Actors; command: string },
  rows: RedactionRow[],
  next: { state: RedactionState; category?: Category; entityGroupId?: string },
): Promise<{ changed: RedactionRow[]; replaced: Replaced[] }> {
  const changed: RedactionRow[] = [];
  const replaced: Replaced[] = [];
  for (const r of rows) {
    const category = next.category ?? r.category;
    // A span moved to another category leaves its old group (groups are per category).
    const entityGroupId = r.entityGroupId && r.category === category ? r.entityGroupId : (next.entityGroupId ?? r.entityGroupId);
    if (r.state === next.state && r.category === category && r.entityGroupId === entityGroupId) continue;
    const overrode = overriddenDecision(r, ctx.caller, { state: next.state, category }, null, ctx.actors);
    if (overrode) replaced.push({ redaction: r, overrode, now: { state: next.state, category } });
    changed.push(
      await updateRedaction(tx, r.id, {
        state: next.state,
        category,
        entityGroupId,
        decidedBy: ctx.caller.id,
        decidedAt: new Date(),
        rev: r.rev + 1,
        lastDecisionSeq: ctx.seq + 1,
      }),
    );
  }
  return { changed, replaced };
}

function bulkOutcome(testimonyId: string, me: Actor, command: string, actors: Actors, changed: RedactionRow[], groups: EntityGroupRow[], replaced: Replaced[]): CommandOutcome {
  if (changed.length === 0) return { events: [] };
  return {
    events: [
      {
        type: 'redactions.updated',
        payload: {
          redactions: changed.map((r) => presentRedaction(r, actors)),
          groups: groups.map(presentGroup),
          overrode: replaced.map((x) => ({ redactionId: x.redaction.id, ...x.overrode })),
        },
        bumpsVersion: true,
      },
    ],
    conflicts: conflictNotices(testimonyId, me, command, replaced),
  };
}

async function callerActors(tx: Tx, caller: Caller): Promise<{ actors: Actors; me: Actor }> {
  const actors = await loadActors(tx, [caller.id]);
  const me = actorOf(actors, caller.id);
  if (!me) throw new AppError('unauthenticated', 'Unknown user');
  return { actors, me };
}

/** Accept or reject every span of one person or place at once. */
export function decideEntity(ctx: Ctx, caller: Caller, p: CommandPayload<'entity.decide'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'entity.decide', action: 'redaction.decide', ...p }, async (tx, t) => {
    const group = await findGroup(tx, t.id, p.entityGroupId);
    if (!group) throw new AppError('not_found', 'No such entity group in this testimony');
    const { actors, me } = await callerActors(tx, caller);
    const rows = await redactionsInGroup(tx, group.id);
    const c = { testimonyId: t.id, seq: t.seq, caller, me, actors, command: 'entity.decide' };
    const { changed, replaced } = await decideMany(tx, c, rows, { state: p.decision });
    return bulkOutcome(t.id, me, 'entity.decide', actors, changed, [], replaced);
  });
}

/**
 * "Redact all occurrences of this": the variant matcher finds every occurrence of the needle and
 * its spellings (also inside hyphenated compounds, and a place's other names); each becomes an
 * accepted span of one entity group — the group of the entity the needle already belongs to when
 * there is one (same key, a span already there, or a group with a spelling of it), so one entity
 * keeps one pseudonym. Existing spans at the same place are accepted in place, not duplicated.
 */
export function redactAll(ctx: Ctx, caller: Caller, p: CommandPayload<'redaction.redactAll'>): Promise<CommandResult> {
  return runTestimonyCommand(ctx, caller, { name: 'redaction.redactAll', action: 'redaction.decide', ...p }, async (tx, t) => {
    // Matching a whole body runs on a worker thread; the row lock is held meanwhile, as before.
    const found = await jobs(ctx).run('occurrences', { body: t.body, needle: p.needle });
    if (found.length === 0) throw new AppError('not_found', `“${p.needle}” does not occur in this testimony`);
    const { actors, me } = await callerActors(tx, caller);

    // Same key convention as the engine's entity keys, so "redact all Mohammed" joins the
    // engine's group for that person; else the group an existing span there already has.
    const key = `${p.category}:${variantKey(p.needle) || p.needle.toLowerCase()}`;
    const existing = await redactionsAtSpans(tx, t.id, found);
    let group = await findGroupByKey(tx, t.id, p.category, key);
    const sameCategoryGroup = existing.find((r) => r.category === p.category && r.entityGroupId)?.entityGroupId;
    if (!group && sameCategoryGroup) group = await findGroup(tx, t.id, sameCategoryGroup);
    // A string of an existing entity joins it (one entity, one pseudonym): any group of this category
    // whose label or one of whose spans is a spelling of the needle.
    group ??= (await groupsWithSpans(tx, t.id, p.category)).find(
      (g) => variantsMatch(g.group.label, p.needle) || g.spans.some((s) => variantsMatch(t.body.slice(s.start, s.end), p.needle)),
    )?.group;
    const newGroups: EntityGroupRow[] = [];
    if (!group) {
      const ordinal = await nextGroupOrdinal(tx, t.id, p.category);
      [group] = await insertGroups(tx, [{ testimonyId: t.id, key, label: p.needle.slice(0, 200), category: p.category, ordinal }]);
      if (!group) throw new AppError('internal', 'Group insert failed');
      newGroups.push(group);
    }

    const c = { testimonyId: t.id, seq: t.seq, caller, me, actors, command: 'redaction.redactAll' };
    const { changed, replaced } = await decideMany(tx, c, existing, { state: 'accepted', category: p.category, entityGroupId: group.id });
    const covered = new Set(existing.map((r) => `${r.start}:${r.end}`));
    const fresh = found.filter((o, i) => !covered.has(`${o.start}:${o.end}`) && found.findIndex((x) => x.start === o.start && x.end === o.end) === i);
    const now = new Date();
    const inserted = await insertRedactions(
      tx,
      fresh.map((o) => ({
        testimonyId: t.id,
        start: o.start,
        end: o.end,
        category: p.category,
        state: 'accepted' as const,
        entityGroupId: group.id,
        // Only the reviewer's own words: the product writes no reason that could quote the needle.
        reason: p.reason ?? null,
        source: 'user' as const,
        proposedBy: caller.id,
        decidedBy: caller.id,
        decidedAt: now,
        lastDecisionSeq: t.seq + 1,
      })),
    );
    return bulkOutcome(t.id, me, 'redaction.redactAll', actors, [...changed, ...inserted], newGroups, replaced);
  });
}
