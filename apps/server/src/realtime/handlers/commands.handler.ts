import { COMMAND_NAMES } from '@desk/protocol';
import { dispatchCommand } from '../../commands/registry.ts';
import type { Ctx } from '../../commands/context.ts';
import type { CommandBudget } from '../../commands/budget.ts';
import type { DeskSocket } from '../types.ts';
import { ensureSession } from '../session-guard.ts';
import { answering } from './reply.ts';

/**
 * Every mutating command arrives as an event of its name and goes through `dispatchCommand`
 * (validate, authorise, run; acked after commit), once the session is known to be live and
 * within the caller's command budget (shared with the REST door). Refused commands get a typed
 * error and change nothing.
 */
export function registerCommandHandlers(ctx: Ctx, socket: DeskSocket, budget: CommandBudget): void {
  for (const name of COMMAND_NAMES) {
    socket.on(
      name,
      answering(ctx, name, async (payload) => {
        await ensureSession(ctx, socket);
        budget.take(socket.data.caller.id);
        return dispatchCommand(ctx, name, payload, socket.data.caller);
      }),
    );
  }
}
