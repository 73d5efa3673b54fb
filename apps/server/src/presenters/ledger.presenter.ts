import type { AllowListEntryDto, LedgerEntityDto, LedgerStateDto } from '@desk/protocol';
import type { LedgerRow } from '../repo/ledger.repo.ts';
import type { AllowListRow } from '../repo/allowlist.repo.ts';
import { actorOf, type Actors } from './user.presenter.ts';

/** What events carry: the decision only, never the entity's text (the audit log keeps these). */
export function presentLedgerState(e: LedgerRow & { allowListed: boolean }, actors: Actors): LedgerStateDto {
  return {
    entityId: e.id,
    decision: e.decision,
    category: e.category,
    reason: e.reason,
    decidedBy: actorOf(actors, e.decidedBy),
    decidedAt: e.decidedAt ? e.decidedAt.toISOString() : null,
    allowListed: e.allowListed,
    entityGroupId: e.entityGroupId,
    rev: e.rev,
  };
}

/** Full entity with spellings and context: only inside a snapshot (an audited view of the original). */
export function presentLedgerEntity(e: LedgerRow & { allowListed: boolean }, actors: Actors): LedgerEntityDto {
  return { ...presentLedgerState(e, actors), label: e.label, spellings: e.spellings, mentions: e.mentions, context: e.context };
}

export const presentAllowEntry = (a: AllowListRow, actors: Actors): AllowListEntryDto => ({
  id: a.id,
  term: a.term,
  note: a.note,
  addedBy: actorOf(actors, a.addedBy),
  addedAt: a.addedAt.toISOString(),
});
