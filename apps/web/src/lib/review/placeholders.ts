import type { Category, EntityGroupDto, RedactionDto } from '@desk/protocol';

/**
 * Placeholder labels as the export shows them: "[PERSON 1]". Grouped spans take their entity
 * group's ordinal so every mention of one person reads the same; ungrouped spans are numbered
 * after the highest group ordinal of their category, in reading order, so numbers never collide.
 */
export function placeholderLabels(
  redactions: readonly RedactionDto[],
  groups: ReadonlyMap<string, EntityGroupDto>,
): Map<string, string> {
  const maxOrdinal = new Map<Category, number>();
  for (const g of groups.values()) maxOrdinal.set(g.category, Math.max(maxOrdinal.get(g.category) ?? 0, g.ordinal));
  const labels = new Map<string, string>();
  const next = new Map<Category, number>();
  const sorted = [...redactions].filter((r) => r.state !== 'rejected').sort((a, b) => a.start - b.start || a.end - b.end);
  for (const r of sorted) {
    const group = r.entityGroupId ? groups.get(r.entityGroupId) : undefined;
    let n: number;
    if (group && group.category === r.category) n = group.ordinal;
    else {
      n = (next.get(r.category) ?? maxOrdinal.get(r.category) ?? 0) + 1;
      next.set(r.category, n);
    }
    labels.set(r.id, `[${r.category.toUpperCase()} ${n}]`);
  }
  return labels;
}

export interface PreviewPiece {
  text: string;
  /** Set when the piece replaces text; `pending` marks an undecided suggestion hidden as a precaution. */
  redaction?: { id: string; pending: boolean };
}

/**
 * The paragraph as it would be exported. Accepted and still-undecided spans are both replaced:
 * failing closed means an open suggestion never appears as readable text in a "redacted" view.
 * Overlapping spans merge into one placeholder (the earliest-starting span names it).
 */
export function previewPieces(
  body: string,
  pStart: number,
  pEnd: number,
  redactions: readonly RedactionDto[],
  labels: ReadonlyMap<string, string>,
): PreviewPiece[] {
  const spans = redactions
    .filter((r) => r.state !== 'rejected' && r.end > pStart && r.start < pEnd)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PreviewPiece[] = [];
  let at = pStart;
  let lastEnd = pStart;
  for (const r of spans) {
    if (r.end <= lastEnd) continue;
    const s = Math.max(r.start, lastEnd);
    if (s > at) out.push({ text: body.slice(at, s) });
    out.push({ text: labels.get(r.id) ?? `[${r.category.toUpperCase()}]`, redaction: { id: r.id, pending: r.state === 'suggested' } });
    lastEnd = Math.min(r.end, pEnd);
    at = lastEnd;
  }
  if (at < pEnd) out.push({ text: body.slice(at, pEnd) });
  return out;
}
