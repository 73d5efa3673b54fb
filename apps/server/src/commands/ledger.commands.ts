import type { Actor, CommandPayload, CommandResult } from '@desk/protocol';
import { findVariants } from '@desk/redaction';
import { AppError } from '../errors.ts';
import { authorize, type Action } from '../policy/policy.ts';
import type { Tx } from '../repo/conn.ts';
import { findLedgerEntity, updateLedgerEntity, type LedgerRowWithAllow } from '../repo/ledger.repo.ts';
import {
  deleteRedaction,
  findGroupByKey,
  insertGroups,
  insertRedactions,
  nextGroupOrdinal,
  redactionsAtSpans,
  redactionsByIds,
  updateRedaction,
  type EntityGroupRow,
  type RedactionRow,
} from '../repo/redactions.repo.ts';
import type { TestimonyRow } from '../repo/testimonies.repo.ts';
import { presentGroup, presentRedaction } from '../presenters/testimony.presenter.ts';
import { presentLedgerState } from '../presenters/ledger.presenter.ts';
import { actorOf, loadActors, type Actors } from '../presenters/user.presenter.ts';
import { addAllowTerm, removeAllowTerm } from './allowlist.commands.ts';
import { termKey } from './ledger.candidates.ts';
import { runTestimonyCommand } from './engine/pipeline.ts';
import type { PendingEvent } from './engine/types.ts';
import type { Caller, Ctx } from './context.ts';

type Decide = CommandPayload<'ledger.decide'>;

/** "Keep — public" writes the organisation's allow-list; everything else is a reviewer's decision. */
const actionFor = (decision: Decide['decision'] | null, addsOrRemovesAllowEntry: boolean): Action =>
  decision === 'keep_public' && addsOrRemovesAllowEntry ? 'allowlist.manage' : 'ledger.decide';

async function load(tx: Tx, t: TestimonyRow, entityId: string, caller: Caller): Promise<{ e: LedgerRowWithAllow; actors: Actors; me: Actor }> {
  const e = await findLedgerEntity(tx, t.id, entityId);
  if (!e) throw new AppError('not_found', 'No such name in this testimony’s ledger');
  const actors = await loadActors(tx, [caller.id, e.decidedBy]);
  const me = actorOf(actors, caller.id);
  if (!me) throw new AppError('unauthenticated', 'Unknown user');
  return { e, actors, me };
}

/**
 * Decides one ledger entity. *Redact* accepts every mention (and every variant the matcher
 * finds) as one entity group (joining the
 * group a "redact all" of the same name made, so pseudonyms stay consistent), decided by the
 * caller; *Keep — public* adds the name to the organisation's allow-list; *Keep — not
 * identifying* keeps it visible in this testimony only. An entity decided by someone else
 * is not silently overwritten: it has to be undone first.
 */
export function decideLedger(ctx: Ctx, caller: Caller, p: Decide): Promise<CommandResult> {
  const action = actionFor(p.decision, true);
  authorize(caller, action);
  return runTestimonyCommand(ctx, caller, { name: 'ledger.decide', action, ...p }, async (tx, t) => {
    const { e, actors } = await load(tx, t, p.entityId, caller);
    if (e.decision !== null) {
      const by = actorOf(actors, e.decidedBy)?.name ?? 'someone';
      throw new AppError('conflict', `This name was already decided (${e.decision.replace('_', ' ')}) by ${by}; undo that first`, { decision: e.decision });
    }
    const events: PendingEvent[] = [];
    const now = new Date();
    let patch: Partial<LedgerRowWithAllow> = {};
    switch (p.decision) {
      case 'redact': {
        const category = p.category ?? 'person';
        const made = await redactMentions(tx, t, e, category, caller, p.reason ?? null, now);
        events.push({
          type: 'redactions.updated',
          payload: { redactions: made.rows.map((r) => presentRedaction(r, actors)), groups: made.newGroups.map(presentGroup), overrode: [] },
          bumpsVersion: true,
        });
        patch = { category, entityGroupId: made.group.id, createdRedactionIds: made.created };
        break;
      }
      case 'keep_public': {
        const entry = await addAllowTerm(tx, caller, e.label, p.reason ?? null, { testimonyId: t.id, via: 'ledger.decide' });
        patch = { allowListId: entry?.id ?? null, allowListed: true };
        break;
      }
      case 'keep_private':
        break;
    }
    const row = await updateLedgerEntity(tx, e.id, {
      decision: p.decision,
      reason: p.reason ?? null,
      decidedBy: caller.id,
      decidedAt: now,
      rev: e.rev + 1,
      ...withoutAllowFlag(patch),
    });
    const state = presentLedgerState({ ...row, allowListed: patch.allowListed ?? e.allowListed }, actors);
    events.push({ type: 'ledger.decided', payload: { entity: state }, bumpsVersion: false });
    return { events };
  });
}

const withoutAllowFlag = ({ allowListed: _omit, ...rest }: Partial<LedgerRowWithAllow>) => rest;

/**
 * Where a Redact applies: the entity's mentions plus every other place the one variant matcher
 * finds one of its spellings (a form the engine grouped elsewhere, inside a hyphenated compound,
 * behind a proclitic), so "Redact" hides what "Redact all" would. Overlaps keep the first.
 */
export function redactionSpans(body: string, e: Pick<LedgerRowWithAllow, 'mentions' | 'spellings'>): { start: number; end: number }[] {
  const chosen: { start: number; end: number }[] = [];
  for (const s of [...e.mentions, ...findVariants(body, e.spellings)]) {
    if (chosen.some((c) => c.start < s.end && s.start < c.end)) continue;
    chosen.push({ start: s.start, end: s.end });
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Accepts every mention: spans already there are accepted in place, the rest are created. */
async function redactMentions(tx: Tx, t: TestimonyRow, e: LedgerRowWithAllow, category: NonNullable<Decide['category']>, caller: Caller, reason: string | null, now: Date) {
  const key = `${category}:${termKey(e.label)}`;
  let group = await findGroupByKey(tx, t.id, category, key);
  const newGroups: EntityGroupRow[] = [];
  if (!group) {
    [group] = await insertGroups(tx, [{ testimonyId: t.id, key, label: e.label.slice(0, 200), category, ordinal: await nextGroupOrdinal(tx, t.id, category) }]);
    if (!group) throw new AppError('internal', 'Group insert failed');
    newGroups.push(group);
  }
  const decided = { state: 'accepted' as const, category, entityGroupId: group.id, decidedBy: caller.id, decidedAt: now, lastDecisionSeq: t.seq + 1 };
  const spans = redactionSpans(t.body, e);
  const existing = await redactionsAtSpans(tx, t.id, spans);
  const rows: RedactionRow[] = [];
  for (const r of existing) {
    if (r.state === 'accepted' && r.category === category && r.entityGroupId === group.id) continue;
    rows.push(await updateRedaction(tx, r.id, { ...decided, rev: r.rev + 1 }));
  }
  const covered = new Set(existing.map((r) => `${r.start}:${r.end}`));
  const fresh = spans.filter((m) => !covered.has(`${m.start}:${m.end}`));
  const inserted = await insertRedactions(
    tx,
    fresh.map((m) => ({ testimonyId: t.id, start: m.start, end: m.end, reason: reason?.slice(0, 1000) ?? null, source: 'user' as const, proposedBy: caller.id, ...decided })),
  );
  return { group, newGroups, rows: [...rows, ...inserted], created: inserted.map((r) => r.id) };
}

/**
 * Undoes a ledger decision: the entity is undecided again. *Redact* removes the spans it
 * created (spans that existed before and were accepted by it stay accepted); *Keep — public*
 * removes the allow-list entry it added. The event bumps the version, so live approvals are
 * withdrawn: a sign-off never stands on a decision that was taken back.
 */
export async function undoLedger(ctx: Ctx, caller: Caller, p: CommandPayload<'ledger.undo'>): Promise<CommandResult> {
  // The action depends on what is undone; it is re-checked against the locked row below.
  const peek = await findLedgerEntity(ctx.db, p.testimonyId, p.entityId);
  const action = actionFor(peek?.decision ?? null, !!peek?.allowListId);
  authorize(caller, action);
  return runTestimonyCommand(ctx, caller, { name: 'ledger.undo', action, ...p }, async (tx, t) => {
    const { e, actors } = await load(tx, t, p.entityId, caller);
    if (e.decision === null) throw new AppError('conflict', 'This name is not decided; there is nothing to undo');
    authorize(caller, actionFor(e.decision, !!e.allowListId), t);
    const events: PendingEvent[] = [];
    if (e.decision === 'redact') {
      const still = await redactionsByIds(tx, e.createdRedactionIds);
      for (const r of still) {
        await deleteRedaction(tx, r.id);
        events.push({ type: 'redaction.removed', payload: { redactionId: r.id, overrode: null }, bumpsVersion: true });
      }
    }
    let allowListed = e.allowListed;
    if (e.decision === 'keep_public' && e.allowListId) {
      await removeAllowTerm(tx, caller, e.allowListId, { testimonyId: t.id, via: 'ledger.undo' });
      allowListed = (await findLedgerEntity(tx, t.id, e.id))?.allowListed ?? false;
    }
    const row = await updateLedgerEntity(tx, e.id, {
      decision: null,
      category: null,
      reason: null,
      decidedBy: null,
      decidedAt: null,
      entityGroupId: null,
      createdRedactionIds: [],
      allowListId: null,
      rev: e.rev + 1,
    });
    events.push({ type: 'ledger.undone', payload: { entity: presentLedgerState({ ...row, allowListed }, actors) }, bumpsVersion: true });
    return { events };
  });
}

