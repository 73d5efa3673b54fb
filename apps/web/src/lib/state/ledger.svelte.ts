import type { LedgerEntityDto, LedgerStateDto } from '@desk/protocol';
import { mergeLedgerState, nextUndecidedName, undecidedNames } from '$lib/review/ledger';
import { revealInText } from '$lib/components/review/reveal';
import type { PanelTab } from '$lib/state/review-ui.svelte';

/**
 * The testimony's name ledger ("Names to decide"): candidate entities from the snapshot, with
 * decisions merged in from `ledger.decided` / `ledger.undone` events (which carry the state, never
 * the name). Owned by the TestimonyStore; components and shortcuts read it from there.
 */
export class LedgerState {
  entities = $state.raw<LedgerEntityDto[]>([]);
  undecided = $derived(undecidedNames(this.entities));
  /** The entity the panel should bring into view (set by the next-undecided shortcut). */
  focused = $state<string | null>(null);

  load(entities: LedgerEntityDto[]): void {
    this.entities = entities;
  }

  apply(state: LedgerStateDto): void {
    this.entities = mergeLedgerState(this.entities, state);
  }

  nextUndecided(offset = -1): { entity: LedgerEntityDto; start: number } | null {
    return nextUndecidedName(this.entities, offset);
  }
}

/** Where the "next undecided name" shortcut last went, per ledger, so repeated presses move on. */
const cursors = new WeakMap<LedgerState, number>();

/**
 * "Go to the next undecided name": opens the Names panel, scrolls the text to that name's next
 * mention after the last one visited and flashes it. For the review page's keyboard shortcut
 * and the panel's button. Returns the entity, or null when every name is decided.
 */
export function goToNextUndecidedName(ledger: LedgerState, ui: { tab: PanelTab }): LedgerEntityDto | null {
  const hit = ledger.nextUndecided(cursors.get(ledger) ?? -1);
  if (!hit) return null;
  cursors.set(ledger, hit.start);
  ui.tab = 'names';
  ledger.focused = hit.entity.entityId;
  revealInText(hit.start);
  return hit.entity;
}
