import { isLedgerDecided, type LedgerEntityDto, type LedgerStateDto } from '@desk/protocol';

/** Names still to decide: no decision and not on the organisation allow-list. */
export const undecidedNames = (entities: readonly LedgerEntityDto[]): LedgerEntityDto[] => entities.filter((e) => !isLedgerDecided(e));

/** An event's decided state merged into the snapshot's list (events never carry the name itself). */
export const mergeLedgerState = (entities: readonly LedgerEntityDto[], state: LedgerStateDto): LedgerEntityDto[] =>
  entities.map((e) => (e.entityId === state.entityId ? { ...e, ...state } : e));

/**
 * The first undecided mention after `offset` (wrapping to the start), for the "next undecided
 * name" shortcut; null when every name is decided.
 */
export function nextUndecidedName(entities: readonly LedgerEntityDto[], offset = -1): { entity: LedgerEntityDto; start: number } | null {
  let first: { entity: LedgerEntityDto; start: number } | null = null;
  let next: { entity: LedgerEntityDto; start: number } | null = null;
  for (const entity of undecidedNames(entities)) {
    for (const m of entity.mentions) {
      if (!first || m.start < first.start) first = { entity, start: m.start };
      if (m.start > offset && (!next || m.start < next.start)) next = { entity, start: m.start };
    }
  }
  return next ?? first;
}
