import { JoinTestimony, SyncTestimony, type SyncResult } from '@desk/protocol';
import { z } from 'zod';
import type { Ctx } from '../../commands/context.ts';
import { viewTestimony } from '../../commands/testimonies.commands.ts';
import { AppError } from '../../errors.ts';
import { authorize } from '../../policy/policy.ts';
import { eventsSince } from '../../repo/audit.repo.ts';
import { presentEvent } from '../../presenters/event.presenter.ts';
import { loadActors } from '../../presenters/user.presenter.ts';
import { findTestimonySummary } from '../../repo/testimonies.repo.ts';
import { QUEUE_ROOM, testimonyRoom, type DeskSocket } from '../types.ts';
import type { CommandBudget } from '../../commands/budget.ts';
import { ensureSession } from '../session-guard.ts';
import { guarded } from './reply.ts';

const QueueSubscribe = z.union([z.strictObject({}), z.undefined(), z.null()]);

/** Beyond this many missed events a fresh snapshot is cheaper than a replay. */
const MAX_REPLAY = 2_000;

/**
 * Joining is the authorised act (it records a view of the original in the audit log);
 * everything a socket may then see or send about a testimony depends on being in its room.
 * Joins, syncs and leaves draw on the user's command budget, since a join writes to the
 * audit log, and each re-checks the session first.
 */
export function registerRoomHandlers(ctx: Ctx, socket: DeskSocket, budget: CommandBudget, hooks: { joined: (id: string) => void; left: (id: string) => void; queue?: () => void }): void {
  const caller = () => socket.data.caller;
  const throttle = async () => {
    await ensureSession(ctx, socket);
    budget.take(caller().id);
  };

  socket.on(
    'testimony.join',
    guarded(ctx, 'testimony.join', JoinTestimony, async ({ testimonyId }) => {
      await throttle();
      authorize(caller(), 'testimony.view');
      // Join before reading so no event committed after the snapshot can be missed.
      await socket.join(testimonyRoom(testimonyId));
      try {
        const snap = await viewTestimony(ctx, caller(), testimonyId, 'socket');
        hooks.joined(testimonyId);
        return snap;
      } catch (err) {
        await socket.leave(testimonyRoom(testimonyId));
        throw err;
      }
    }),
  );

  socket.on(
    'testimony.leave',
    guarded(ctx, 'testimony.leave', JoinTestimony, async ({ testimonyId }) => {
      await throttle();
      if (!socket.rooms.has(testimonyRoom(testimonyId))) return null;
      await socket.leave(testimonyRoom(testimonyId));
      hooks.left(testimonyId);
      return null;
    }),
  );

  socket.on(
    'testimony.sync',
    guarded(ctx, 'testimony.sync', SyncTestimony, async ({ testimonyId, sinceSeq }): Promise<SyncResult> => {
      await throttle();
      authorize(caller(), 'testimony.view');
      // After a reconnect the socket is in no room: sync re-enters it (same authorisation as a
      // join) before reading, so nothing committed in between is missed. A replay carries no
      // original text, so only the snapshot path records a view.
      const rejoin = !socket.rooms.has(testimonyRoom(testimonyId));
      if (rejoin) await socket.join(testimonyRoom(testimonyId));
      const t = await findTestimonySummary(ctx.db, testimonyId);
      if (!t) {
        if (rejoin) await socket.leave(testimonyRoom(testimonyId));
        throw new AppError('not_found', 'No such testimony');
      }
      if (rejoin) hooks.joined(testimonyId);
      if (t.seq - sinceSeq > MAX_REPLAY || sinceSeq > t.seq) {
        return { mode: 'snapshot', snapshot: await viewTestimony(ctx, caller(), testimonyId, 'socket') };
      }
      const [rows, actors] = await Promise.all([eventsSince(ctx.db, testimonyId, sinceSeq, MAX_REPLAY), loadActors(ctx.db)]);
      return { mode: 'events', events: rows.map((r) => presentEvent(r, actors)) };
    }),
  );

  socket.on(
    'queue.subscribe',
    guarded(ctx, 'queue.subscribe', QueueSubscribe, async () => {
      await throttle();
      authorize(caller(), 'testimony.list');
      await socket.join(QUEUE_ROOM);
      hooks.queue?.();
      return null;
    }),
  );
}
