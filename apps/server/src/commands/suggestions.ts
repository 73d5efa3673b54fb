import type { DetectedSpan } from '@desk/redaction';
import type { Category } from '@desk/protocol';
import type { Tx } from '../repo/conn.ts';
import { insertGroups, insertRedactions, type EntityGroupRow, type RedactionRow } from '../repo/redactions.repo.ts';

/**
 * Stores the engine's spans over a frozen body as `suggested` redactions, one entity group
 * per (category, entity key) so the UI can accept a whole person at once and exports can
 * number pseudonyms consistently.
 */
export async function storeSuggestions(tx: Tx, testimonyId: string, body: string, spans: DetectedSpan[]): Promise<{ redactions: RedactionRow[]; groups: EntityGroupRow[] }> {
  const byKey = new Map<string, { category: Category; key: string; label: string; first: number }>();
  for (const s of spans) {
    const k = `${s.category}\u0000${s.entityKey}`;
    const surface = body.slice(s.start, s.end);
    const g = byKey.get(k);
    if (!g) byKey.set(k, { category: s.category, key: s.entityKey, label: surface, first: s.start });
    else if (surface.length > g.label.length) g.label = surface;
  }
  const ordinals = new Map<Category, number>();
  const groupValues = [...byKey.values()]
    .sort((a, b) => a.first - b.first)
    .map((g) => {
      const ordinal = (ordinals.get(g.category) ?? 0) + 1;
      ordinals.set(g.category, ordinal);
      return { testimonyId, key: g.key, label: g.label.slice(0, 200), category: g.category, ordinal };
    });
  const groups = await insertGroups(tx, groupValues);
  const groupId = new Map(groups.map((g) => [`${g.category}\u0000${g.key}`, g.id]));
  const redactions = await insertRedactions(
    tx,
    spans.map((s) => ({
      testimonyId,
      start: s.start,
      end: s.end,
      category: s.category,
      subtype: s.subtype ?? null,
      state: 'suggested' as const,
      entityGroupId: groupId.get(`${s.category}\u0000${s.entityKey}`) ?? null,
      reason: s.reason.slice(0, 1000),
      confidence: s.confidence,
      source: 'engine' as const,
    })),
  );
  return { redactions, groups };
}
