import { findTestimonySummaries } from '../../repo/testimonies.repo.ts';
import { presentSummary } from '../../presenters/testimony.presenter.ts';
import { loadActors } from '../../presenters/user.presenter.ts';
import type { Ctx } from '../context.ts';

/**
 * Dashboards need a busy testimony's counts a few times a second at most. Announcing after
 * every edit would re-count its redactions on every command, and a timer and a query per
 * testimony cost a busy server one count query per testimony per tick (200 a second at 500
 * editors over 50 testimonies). So every testimony changed during a tick is announced by one
 * query at its end.
 */
const QUEUE_ANNOUNCE_MS = 250;
const pending = new WeakMap<Ctx, Set<string>>();

export function scheduleQueueAnnouncement(ctx: Ctx, testimonyId: string): void {
  let ids = pending.get(ctx);
  if (!ids) {
    const due = (ids = new Set());
    pending.set(ctx, due);
    const timer = setTimeout(() => {
      pending.delete(ctx);
      void announce(ctx, [...due]);
    }, QUEUE_ANNOUNCE_MS);
    timer.unref();
  }
  ids.add(testimonyId);
}

/** Tells dashboards that rows of the queue changed (counts, status, assignee). */
async function announce(ctx: Ctx, ids: string[]): Promise<void> {
  try {
    const rows = await findTestimonySummaries(ctx.db, ids);
    if (rows.length === 0) return;
    const actors = await loadActors(ctx.db);
    for (const s of rows) ctx.publish.queueChanged(presentSummary(s, actors));
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'queue announcement failed');
  }
}
