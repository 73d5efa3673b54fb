import { TESTIMONY_STATUSES, type DashboardResponse, type TestimonyStatus } from '@desk/protocol';

export type PipelineEvent = { testimonyId: string | null; type: string; payload: unknown; createdAt: string };

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

const statusOf = (payload: unknown): { status?: TestimonyStatus; previousStatus?: TestimonyStatus } =>
  payload && typeof payload === 'object' ? (payload as { status?: TestimonyStatus; previousStatus?: TestimonyStatus }) : {};

/**
 * Derives throughput and time-in-stage from the audit log alone (creation and status-change
 * events), so the figures are as trustworthy as the chain they come from. A stage's duration
 * runs from entering a status to leaving it; stages still open are not counted.
 */
export function pipelineStats(events: readonly PipelineEvent[], now: number, weeks = 12): Pick<DashboardResponse, 'throughput' | 'stageTimes'> {
  const first = weekStart(now) - (weeks - 1) * WEEK;
  const buckets = Array.from({ length: weeks }, (_, i) => ({ weekStart: new Date(first + i * WEEK).toISOString().slice(0, 10), created: 0, approved: 0, published: 0 }));
  const durations = new Map<TestimonyStatus, number[]>(TESTIMONY_STATUSES.map((s) => [s, []]));
  const entered = new Map<string, { status: TestimonyStatus; at: number }>();
  for (const e of events) {
    if (!e.testimonyId) continue;
    const at = Date.parse(e.createdAt);
    const bucket = at >= first ? buckets[Math.floor((weekStart(at) - first) / WEEK)] : undefined;
    if (e.type === 'testimony.created') {
      entered.set(e.testimonyId, { status: 'draft', at });
      if (bucket) bucket.created += 1;
      continue;
    }
    const { status, previousStatus } = statusOf(e.payload);
    if (!status || !previousStatus || status === previousStatus) continue;
    const since = entered.get(e.testimonyId);
    if (since && since.status === previousStatus) durations.get(previousStatus)?.push((at - since.at) / HOUR);
    entered.set(e.testimonyId, { status, at });
    if (bucket && status === 'approved') bucket.approved += 1;
    if (bucket && status === 'published') bucket.published += 1;
  }
  const stageTimes = {} as DashboardResponse['stageTimes'];
  for (const s of TESTIMONY_STATUSES) {
    const d = (durations.get(s) ?? []).sort((a, b) => a - b);
    const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
    stageTimes[s] = { count: d.length, medianHours: round(percentile(d, 50)), p90Hours: round(percentile(d, 90)) };
  }
  return { throughput: buckets, stageTimes };
}
