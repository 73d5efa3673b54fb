import { Router } from 'express';
import { Id } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { dispatchCommand } from '../../commands/registry.ts';
import type { CommandBudget } from '../../commands/budget.ts';
import { AppError } from '../../errors.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

/**
 * `POST /api/testimonies/:id/commands/:name`: the same commands as the socket, for clients
 * without one (scripts, integrations), through the same `dispatchCommand` — so the same schema,
 * policy, idempotency, audit events and broadcast to the room; the answer is the socket's ack
 * data. The testimony comes from the path (a `testimonyId` in the body is overridden).
 */
export function commandRoutes(ctx: Ctx, budget: CommandBudget): Router {
  const r = Router();
  r.post(
    '/:id/commands/:name',
    route(async (req, res) => {
      const caller = requireCaller(req);
      budget.take(caller.id);
      const testimonyId = parse(Id, req.params.id);
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad_request', 'Body must be a JSON object');
      res.json(await dispatchCommand(ctx, String(req.params.name), { ...body, testimonyId }, caller));
    }),
  );
  return r;
}
