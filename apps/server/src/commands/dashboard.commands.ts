import { TESTIMONY_STATUSES, type DashboardResponse } from '@desk/protocol';
import { countByStatus, openSuggestionsByTestimony, workloadByAssignee } from '../repo/dashboard.repo.ts';
import { pipelineEvents } from '../repo/audit-query.repo.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import { pipelineStats } from './dashboard.stats.ts';
import type { Ctx } from './context.ts';

const STATS_WINDOW_DAYS = 365;

export async function buildDashboard(ctx: Ctx, now = Date.now()): Promise<DashboardResponse> {
  const counts = await countByStatus(ctx.db);
  const workload = await workloadByAssignee(ctx.db);
  const suggestions = await openSuggestionsByTestimony(ctx.db, 20);
  const events = await pipelineEvents(ctx.db, new Date(now - STATS_WINDOW_DAYS * 86_400_000));
  const actors = await loadActors(ctx.db, workload.map((w) => w.assigneeId));
  const countsByStatus = Object.fromEntries(TESTIMONY_STATUSES.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0])) as DashboardResponse['countsByStatus'];
  return {
    generatedAt: new Date(now).toISOString(),
    countsByStatus,
    ...pipelineStats(events, now),
    workload: workload
      .filter((w) => w.assigneeId)
      .map((w) => {
        const a = actors.get(w.assigneeId ?? '');
        return { user: { id: w.assigneeId ?? '', name: a?.name ?? 'Unknown', role: a?.role ?? 'editor' }, open: w.open, overdue: w.overdue };
      })
      .sort((a, b) => b.overdue - a.overdue || b.open - a.open),
    unassignedOpen: workload.find((w) => !w.assigneeId)?.open ?? 0,
    overdueTotal: workload.reduce((n, w) => n + w.overdue, 0),
    openSuggestions: { total: suggestions.total, testimonies: suggestions.rows },
  };
}
