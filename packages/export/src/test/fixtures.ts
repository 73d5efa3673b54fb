import type { Category } from '@desk/protocol';
import type { ExportDocument, ExportGroup, ExportRedaction } from '../types.ts';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

/** Builds an export document, marking each `needle` occurrence (nth) as a redaction of the given state. */
export function docWith(
  body: string,
  marks: { needle: string; nth?: number; category?: Category; state?: ExportRedaction['state']; group?: string }[],
  opts: Partial<ExportDocument> = {},
): ExportDocument {
  const groups = new Map<string, ExportGroup>();
  const redactions: ExportRedaction[] = marks.map((m) => {
    let at = -1;
    for (let k = 0; k <= (m.nth ?? 0); k++) at = body.indexOf(m.needle, at + 1);
    if (at < 0) throw new Error(`fixture: ${m.needle} not in body`);
    const category = m.category ?? 'person';
    let groupId: string | null = null;
    if (m.group) {
      const g = groups.get(m.group) ?? { id: id(), category, ordinal: [...groups.values()].filter((x) => x.category === category).length + 1, label: m.group };
      groups.set(m.group, g);
      groupId = g.id;
    }
    return { id: id(), start: at, end: at + m.needle.length, category, state: m.state ?? 'accepted', entityGroupId: groupId, reason: 'engine: name', decidedBy: 'Editor One' };
  });
  return {
    docId: 'T-5f3a9c1e',
    language: 'en',
    body,
    version: 4,
    status: 'approved',
    draft: false,
    generatedAt: '2025-01-01T00:00:00.000Z',
    redactions,
    groups: [...groups.values()],
    ...opts,
  };
}
