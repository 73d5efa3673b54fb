import type { CommentDto, RedactionDto, RedactionState } from '@desk/protocol';

export interface RemoteSelection {
  socketId: string;
  name: string;
  color: string;
  start: number;
  end: number;
}

/** A run of text whose decorations do not change inside it. */
export interface Segment {
  start: number;
  end: number;
  /** Redactions covering the run, most protective first: accepted, then suggested, then rejected. */
  redactions: RedactionDto[];
  comments: CommentDto[];
  remote: RemoteSelection[];
}

const STATE_RANK: Record<RedactionState, number> = { accepted: 0, suggested: 1, rejected: 2 };

interface Span {
  start: number;
  end: number;
}

/**
 * Cut the paragraph [pStart, pEnd) at every decoration boundary. Overlapping redactions are
 * allowed (an engine suggestion inside a wider manual one); each run lists all that cover it.
 */
export function buildSegments(
  pStart: number,
  pEnd: number,
  redactions: readonly RedactionDto[],
  comments: readonly CommentDto[],
  remote: readonly RemoteSelection[],
): Segment[] {
  const cuts = new Set<number>([pStart, pEnd]);
  const clip = (s: Span) => {
    if (s.start > pStart && s.start < pEnd) cuts.add(s.start);
    if (s.end > pStart && s.end < pEnd) cuts.add(s.end);
  };
  redactions.forEach(clip);
  const anchored: (CommentDto & { anchorStart: number; anchorEnd: number })[] = [];
  for (const c of comments) {
    if (c.anchorStart !== null && c.anchorEnd !== null && c.anchorEnd > c.anchorStart) {
      const a = { ...c, anchorStart: c.anchorStart, anchorEnd: c.anchorEnd };
      anchored.push(a);
      clip({ start: a.anchorStart, end: a.anchorEnd });
    }
  }
  remote.forEach(clip);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const covers = (s: Span) => s.start < end && s.end > start;
    out.push({
      start,
      end,
      redactions: redactions.filter(covers).sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state]),
      comments: anchored.filter((c) => c.anchorStart < end && c.anchorEnd > start),
      remote: remote.filter(covers),
    });
  }
  return out;
}
