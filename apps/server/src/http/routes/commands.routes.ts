import { Router } from 'express';
import { COMMANDS, Id, type CommandName, type CommandResult } from '@desk/protocol';
import type { Caller, Ctx } from '../../commands/context.ts';
import { COMMAND_HANDLERS } from '../../commands/registry.ts';
import type { CommandBudget } from '../../commands/budget.ts';
import { AppError } from '../../errors.ts';
import { authorize } from '../../policy/policy.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

/**
 * `POST /api/testimonies/:id/commands/:name`: the same commands as the socket, for clients
 * without one (scripts, integrations). Same schema, same policy, same pipeline — so the same
 * idempotency, audit events and broadcast to the room; the answer is the socket's ack data.
 */
export function commandRoutes(ctx: Ctx, budget: CommandBudget): Router {
  const r = Router();
  r.post(
    '/:id/commands/:name',
    route(async (req, res) => {
      const caller = requireCaller(req);
      budget.take(caller.id);
      const testimonyId = parse(Id, req.params.id);
      const name = String(req.params.name);
      if (!isCommand(name)) throw new AppError('not_found', `No command ${name}`);
      const entry = COMMAND_HANDLERS[name];
      if (!entry) throw new AppError('not_found', `Command ${name} is not available`);
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad_request', 'Body must be a JSON object');
      const payload = parse(COMMANDS[name], { ...body, testimonyId });
      authorize(caller, entry.action);
      const run = entry.run as (c: Ctx, who: Caller, p: unknown) => Promise<CommandResult>;
      res.json(await run(ctx, caller, payload));
    }),
  );
  return r;
}
