import type { Category } from '@desk/protocol';
import type { ExportDocument } from './types.ts';

export interface Secret {
  text: string;
  category: Category;
}

/**
 * What must not appear in any export: every accepted span's text, and every alias of an
 * entity group that has an accepted span (all surface forms of all its redactions, whatever
 * their state, plus the group label). A rejected alias of a redacted person therefore blocks
 * export until someone accepts it: one person, one decision.
 */
export function secretsOf(doc: ExportDocument): Secret[] {
  const out = new Map<string, Secret>();
  const add = (raw: string, category: Category) => {
    const text = raw.normalize('NFC').trim();
    if (!text) return;
    const key = text.toLocaleLowerCase();
    if (!out.has(key)) out.set(key, { text, category });
  };
  const redactedGroups = new Set<string>();
  for (const r of doc.redactions) {
    if (r.state !== 'accepted') continue;
    add(doc.body.slice(r.start, r.end), r.category);
    if (r.entityGroupId) redactedGroups.add(r.entityGroupId);
  }
  for (const r of doc.redactions) {
    if (r.entityGroupId && redactedGroups.has(r.entityGroupId)) add(doc.body.slice(r.start, r.end), r.category);
  }
  for (const g of doc.groups) if (redactedGroups.has(g.id)) add(g.label, g.category);
  return [...out.values()];
}
