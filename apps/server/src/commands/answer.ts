import type { CommandResult } from '@desk/protocol';
import { findTestimonySummary } from '../repo/testimonies.repo.ts';
import { presentEvent } from '../presenters/event.presenter.ts';
import { presentSummary } from '../presenters/testimony.presenter.ts';
import { loadActors, type Actors } from '../presenters/user.presenter.ts';
import type { BatchResult, QueuedCommand } from './batch.ts';
import type { Ctx } from './context.ts';

/** A command waiting for its batch, with the promise it answers. */
export type Waiting = QueuedCommand & { ctx: Ctx; resolve: (r: CommandResult) => void; reject: (e: unknown) => void };

/** Publishes a committed batch in commit order, then answers each caller. */
export async function settle(batch: Waiting[], results: BatchResult[]): Promise<void> {
  const applied = results.some((r) => r.kind === 'applied' && r.rows.length > 0);
  // Committed events are always announced; at worst without names (clients re-read on sync).
  const actors = applied ? await loadActors(batch[0]!.ctx.db, batch.map((b) => b.caller.id)).catch(() => new Map()) : new Map();
  publishAndAnswer(batch, results, actors);
}

/** `settle` for a caller that already holds the names: synchronous, so nothing can overtake it. */
export function publishAndAnswer(batch: Waiting[], results: BatchResult[], actors: Actors): void {
  batch.forEach((item, i) => {
    const r = results[i] ?? { kind: 'failed', error: new Error('missing batch result') };
    if (r.kind === 'failed') return item.reject(r.error);
    if (r.kind === 'applied' && r.rows.length > 0) {
      try {
        item.ctx.publish.testimonyEvents(r.rows.map((row) => presentEvent(row, actors)));
        for (const c of r.outcome.conflicts ?? []) {
          item.ctx.publish.conflict(c.userId, { ...c.notice, theirs: { ...c.notice.theirs, seq: r.result.seq } });
        }
        scheduleQueueAnnouncement(item.ctx, item.cmd.testimonyId);
      } catch (err) {
        item.ctx.logger.warn({ err: (err as Error).message }, 'broadcast failed; clients catch up by sync');
      }
    }
    item.resolve(r.result);
  });
}

/** Never leaves a caller waiting: whatever broke the answering is their answer. */
export async function answerAll(batch: Waiting[], answer: () => Promise<void> | void): Promise<void> {
  try {
    await answer();
  } catch (err) {
    for (const item of batch) item.reject(err);
  }
}

/**
 * Dashboards need the counts of a busy testimony a few times a second at most; announcing
 * after every edit would re-count its redactions on every command.
 */
const QUEUE_ANNOUNCE_MS = 250;
const announcing = new WeakMap<Ctx, Set<string>>();

function scheduleQueueAnnouncement(ctx: Ctx, testimonyId: string): void {
  let set = announcing.get(ctx);
  if (!set) announcing.set(ctx, (set = new Set()));
  if (set.has(testimonyId)) return;
  set.add(testimonyId);
  const timer = setTimeout(() => {
    set.delete(testimonyId);
    void announceQueue(ctx, testimonyId);
  }, QUEUE_ANNOUNCE_MS);
  timer.unref();
}

/** Tells dashboards that a row of the queue changed (counts, status, assignee). */
export async function announceQueue(ctx: Ctx, testimonyId: string): Promise<void> {
  try {
    const s = await findTestimonySummary(ctx.db, testimonyId);
    if (s) ctx.publish.queueChanged(presentSummary(s, await loadActors(ctx.db)));
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'queue announcement failed');
  }
}
