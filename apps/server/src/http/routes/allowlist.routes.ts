import { Router } from 'express';
import { AddAllowListBody, AllowListQuery, Id } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { createAllowEntry, deleteAllowEntryById, listAllowEntries } from '../../commands/allowlist.commands.ts';
import { authorize } from '../../policy/policy.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

/** `/api/allow-list`: the organisation's public terms (safety officers and admins). */
export function allowListRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    route(async (req, res) => {
      authorize(requireCaller(req), 'allowlist.manage');
      const q = parse(AllowListQuery, req.query);
      res.json({ entries: await listAllowEntries(ctx, q.q?.trim() || undefined) });
    }),
  );
  r.post(
    '/',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'allowlist.manage');
      const body = parse(AddAllowListBody, req.body);
      res.status(201).json({ entry: await createAllowEntry(ctx, caller, body) });
    }),
  );
  r.delete(
    '/:id',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'allowlist.manage');
      await deleteAllowEntryById(ctx, caller, parse(Id, req.params.id));
      res.status(204).end();
    }),
  );
  return r;
}
