import type { TestimonyEvent } from '@desk/protocol';
import { presentEvent } from '../../presenters/event.presenter.ts';
import { loadActors, type Actors } from '../../presenters/user.presenter.ts';
import type { Ctx } from '../context.ts';
import { scheduleQueueAnnouncement } from './queue-announcer.ts';
import type { BatchResult, Waiting } from './types.ts';

/** Publishes a committed batch in commit order, then answers each caller. */
export async function settle(batch: Waiting[], results: BatchResult[]): Promise<void> {
  const applied = results.some((r) => r.kind === 'applied' && r.rows.length > 0);
  // Committed events are always announced; at worst without names (clients re-read on sync).
  const actors = applied ? await loadActors(batch[0]!.ctx.db, batch.map((b) => b.caller.id)).catch(() => new Map()) : new Map();
  publishAndAnswer(batch, results, actors);
}

/**
 * Synchronous, so nothing can overtake it. What it announces waits in an outbox until the
 * promise callbacks now running are done (see `flushOutboxes`); events, then conflict notices,
 * then answers, in commit order.
 */
function publishAndAnswer(batch: Waiting[], results: BatchResult[], actors: Actors): void {
  batch.forEach((item, i) => {
    const r = results[i] ?? { kind: 'failed', error: new Error('missing batch result') };
    const box = outboxOf(item.ctx);
    if (r.kind === 'failed') {
      box.after.push(() => item.reject(r.error));
      return;
    }
    if (r.kind === 'applied' && r.rows.length > 0) {
      try {
        // Committed: a presentation failure must not turn the caller's answer into an error.
        box.events.push(...r.rows.map((row) => presentEvent(row, actors)));
      } catch (err) {
        item.ctx.logger.warn({ err: (err as Error).message }, 'broadcast failed; clients catch up by sync');
      }
      for (const c of r.outcome.conflicts ?? []) {
        box.after.push(() => item.ctx.publish.conflict(c.userId, { ...c.notice, theirs: { ...c.notice.theirs, seq: r.result.seq } }));
      }
      scheduleQueueAnnouncement(item.ctx, item.cmd.testimonyId);
    }
    box.after.push(() => item.resolve(r.result));
  });
}

type Outbox = { events: TestimonyEvent[]; after: (() => void)[] };
const outboxes = new Map<Ctx, Outbox>();

function outboxOf(ctx: Ctx): Outbox {
  let box = outboxes.get(ctx);
  if (!box) {
    // Batches that commit together are handled in one run of promise callbacks; a tick callback
    // runs only once those are done, so one flush announces them all with one message per room.
    if (outboxes.size === 0) process.nextTick(flushOutboxes);
    outboxes.set(ctx, (box = { events: [], after: [] }));
  }
  return box;
}

function flushOutboxes(): void {
  const boxes = [...outboxes];
  outboxes.clear();
  for (const [ctx, box] of boxes) {
    try {
      if (box.events.length > 0) ctx.publish.testimonyEvents(box.events);
    } catch (err) {
      ctx.logger.warn({ err: (err as Error).message }, 'broadcast failed; clients catch up by sync');
    }
    for (const next of box.after) {
      try {
        next();
      } catch (err) {
        ctx.logger.warn({ err: (err as Error).message }, 'announcement failed');
      }
    }
  }
}

/** Never leaves a caller waiting: whatever broke the answering is their answer. */
export async function answerAll(batch: Waiting[], answer: () => Promise<void> | void): Promise<void> {
  try {
    await answer();
  } catch (err) {
    for (const item of batch) item.reject(err);
  }
}
