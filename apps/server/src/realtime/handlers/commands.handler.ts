import { COMMANDS, type Ack, type CommandName, type CommandResult } from '@desk/protocol';
import { COMMAND_HANDLERS } from '../../commands/registry.ts';
import type { Ctx } from '../../commands/context.ts';
import { AppError, fromZod, toApiError } from '../../errors.ts';
import { authorize } from '../../policy/policy.ts';
import type { DeskSocket } from '../types.ts';
import type { CommandBudget } from '../../commands/budget.ts';
import { ensureSession } from '../session-guard.ts';

type AckFn = (res: Ack<CommandResult>) => void;

/**
 * One door for every mutating command: validate with the shared schema, authorise, run,
 * ack after commit. Malformed, forbidden or throttled commands get a typed error ack and
 * change nothing; no input can throw out of here.
 */
export function registerCommandHandlers(ctx: Ctx, socket: DeskSocket, budget: CommandBudget): void {
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    socket.on(name, async (payload: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as AckFn;
      try {
        await ensureSession(ctx, socket);
        budget.take(socket.data.caller.id);
        const parsed = COMMANDS[name].safeParse(payload);
        if (!parsed.success) throw fromZod(parsed.error);
        const entry = COMMAND_HANDLERS[name];
        if (!entry) throw new AppError('bad_request', `Command ${name} is not available`);
        authorize(socket.data.caller, entry.action);
        const run = entry.run as (c: Ctx, caller: typeof socket.data.caller, p: unknown) => Promise<CommandResult>;
        reply({ ok: true, data: await run(ctx, socket.data.caller, parsed.data) });
      } catch (err) {
        const e = toApiError(err);
        if (e.code === 'internal') ctx.logger.error({ err, command: name }, 'command failed');
        reply({ ok: false, error: e.toJSON() });
      }
    });
  }
}
