import { describe, expect, it } from 'vitest';
import type { LedgerEntityDto } from '@desk/protocol';
import { mergeLedgerState, nextUndecidedName, undecidedNames } from './ledger';

const entity = (entityId: string, starts: number[], over: Partial<LedgerEntityDto> = {}): LedgerEntityDto => ({
  entityId,
  label: entityId,
  spellings: [entityId],
  mentions: starts.map((start) => ({ start, end: start + 4 })),
  context: '',
  decision: null,
  category: null,
  reason: null,
  decidedBy: null,
  decidedAt: null,
  allowListed: false,
  entityGroupId: null,
  rev: 0,
  ...over,
});

describe('name ledger state', () => {
  it('walks undecided names in text order, skipping decided and allow-listed ones, and wraps', () => {
    const l = [entity('a', [10, 90]), entity('b', [40], { decision: 'keep_private' }), entity('c', [60], { allowListed: true }), entity('d', [50])];
    expect(undecidedNames(l).map((e) => e.entityId)).toEqual(['a', 'd']);
    expect(nextUndecidedName(l)?.start).toBe(10);
    expect(nextUndecidedName(l, 10)?.entity.entityId).toBe('d');
    expect(nextUndecidedName(l, 50)?.start).toBe(90);
    expect(nextUndecidedName(l, 90)?.start).toBe(10);
    expect(nextUndecidedName([entity('b', [40], { decision: 'redact' })])).toBeNull();
  });

  it('merges a decision from an event and undoes it', () => {
    const { label: _l, spellings: _s, mentions: _m, context: _c, ...state } = entity('a', [0]);
    const decided = mergeLedgerState([entity('a', [0])], { ...state, decision: 'redact', category: 'place', rev: 1 });
    expect(undecidedNames(decided)).toEqual([]);
    expect(decided[0]?.mentions).toHaveLength(1);
    expect(nextUndecidedName(mergeLedgerState(decided, { ...state, rev: 2 }))?.entity.entityId).toBe('a');
  });
});
