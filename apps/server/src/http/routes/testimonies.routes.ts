import { Router } from 'express';
import { CreateTestimonyBody, Id, TestimonyListQuery } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { createTestimony, listQueue, viewTestimony } from '../../commands/testimonies.commands.ts';
import { authorize } from '../../policy/policy.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

export function testimonyRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'testimony.list');
      const q = parse(TestimonyListQuery, req.query);
      res.json({ testimonies: await listQueue(ctx, caller, q) });
    }),
  );
  r.post(
    '/',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'testimony.create');
      const body = parse(CreateTestimonyBody, req.body);
      res.status(201).json({ testimony: await createTestimony(ctx, caller, body) });
    }),
  );
  r.get(
    '/:id',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'testimony.view');
      const id = parse(Id, req.params.id);
      res.json(await viewTestimony(ctx, caller, id, 'http'));
    }),
  );
  return r;
}
