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
  // A person's name words stand for them alone too ("Rami" of "Rami Haddad", "Nizar" of "Abu Nizar"):
  // a first name or a son's name left visible still points at them.
  for (const sec of [...out.values()]) if (sec.category === 'person') for (const w of nameWords(sec.text)) add(w, 'person');
  return [...out.values()];
}

/** Kunya and lineage heads, articles and titles say nothing alone. */
const NOT_NAMES = new Set(
  'abu abou umm oum um abd abdel abdul ibn bin ben bint al el ad an ar as ash at az ez haji hajji hajja sheikh shaykh sheikha mullah ustad ustaz mr mrs ms dr'.split(' '),
);
const ARABIC_NOT_NAMES = new Set(['أبو', 'ابو', 'أبي', 'أبا', 'أم', 'ام', 'عبد', 'بن', 'ابن', 'بنت', 'الحاج', 'الشيخ']);

function nameWords(name: string): string[] {
  const words = name.split(/[\s,]+/).filter(Boolean);
  if (words.length < 2) return [];
  return words.filter((w) => {
    const bare = w.replace(/^(?:al|el|a[dnrstz]|ash)-/i, '');
    return [...bare].length >= 3 && !NOT_NAMES.has(bare.toLowerCase()) && !ARABIC_NOT_NAMES.has(bare);
  });
}
