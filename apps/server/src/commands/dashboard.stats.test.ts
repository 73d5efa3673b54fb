import { describe, expect, it } from 'vitest';
import { percentile, pipelineStats, weekStart, type PipelineEvent } from './dashboard.stats.ts';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 6, 9); // a Monday
const at = (h: number) => new Date(T0 + h * H).toISOString();
const moved = (id: string, h: number, previousStatus: string, status: string): PipelineEvent => ({ testimonyId: id, type: 'testimony.updated', payload: { status, previousStatus }, createdAt: at(h) });

describe('pipeline statistics from audit events', () => {
  it('uses nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('weeks start on Monday UTC', () => {
    expect(new Date(weekStart(Date.UTC(2025, 0, 12, 23))).toISOString()).toBe('2025-01-06T00:00:00.000Z');
  });

  it('measures each stage from entering to leaving a status and counts weekly throughput', () => {
    const events: PipelineEvent[] = [
      { testimonyId: 'a', type: 'testimony.created', payload: {}, createdAt: at(0) },
      moved('a', 2, 'draft', 'in_review'),
      moved('a', 12, 'in_review', 'changes_requested'),
      moved('a', 14, 'changes_requested', 'in_review'),
      moved('a', 20, 'in_review', 'approved'),
      moved('a', 24 * 8, 'approved', 'published'),
      { testimonyId: 'b', type: 'testimony.created', payload: {}, createdAt: at(1) },
      moved('b', 5, 'draft', 'in_review'),
      // Only an assignment: no status change, ignored.
      { testimonyId: 'b', type: 'testimony.updated', payload: { status: 'in_review', previousStatus: 'in_review' }, createdAt: at(6) },
    ];
    const s = pipelineStats(events, T0 + 24 * 9 * H, 3);
    expect(s.stageTimes.draft).toEqual({ count: 2, medianHours: 2, p90Hours: 4 });
    expect(s.stageTimes.in_review).toEqual({ count: 2, medianHours: 6, p90Hours: 10 });
    expect(s.stageTimes.approved).toEqual({ count: 1, medianHours: 172, p90Hours: 172 });
    expect(s.stageTimes.published.count).toBe(0);
    expect(s.throughput).toEqual([
      { weekStart: '2024-12-30', created: 0, approved: 0, published: 0 },
      { weekStart: '2025-01-06', created: 2, approved: 1, published: 0 },
      { weekStart: '2025-01-13', created: 0, approved: 0, published: 1 },
    ]);
  });
});
