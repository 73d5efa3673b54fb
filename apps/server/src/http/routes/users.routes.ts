import { Router } from 'express';
import { CreateUserBody, Id, UpdateUserBody } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { changeUser, createUser } from '../../commands/users.commands.ts';
import { authorize } from '../../policy/policy.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import { listUsers } from '../../repo/users.repo.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

export function userRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/',
    route(async (req, res) => {
      authorize(requireCaller(req), 'user.list');
      res.json({ users: (await listUsers(ctx.db)).map(presentUser) });
    }),
  );
  r.post(
    '/',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'user.manage');
      const body = parse(CreateUserBody, req.body);
      res.status(201).json({ user: presentUser(await createUser(ctx, caller, body)) });
    }),
  );
  r.patch(
    '/:id',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'user.manage');
      const id = parse(Id, req.params.id);
      const body = parse(UpdateUserBody, req.body);
      res.json({ user: presentUser(await changeUser(ctx, caller, id, body)) });
    }),
  );
  return r;
}
