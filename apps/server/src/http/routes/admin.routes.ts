import { Router } from 'express';
import { AuditQuery } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { buildDashboard } from '../../commands/dashboard.commands.ts';
import { authorize } from '../../policy/policy.ts';
import { listAuditEvents } from '../../repo/audit-query.repo.ts';
import { presentAuditEvent } from '../../presenters/audit.presenter.ts';
import { loadActors } from '../../presenters/user.presenter.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

/** `GET /api/audit` and `GET /api/dashboard`: read-only views for admins and safety officers. */
export function adminRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/audit',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'audit.read');
      const q = parse(AuditQuery, req.query);
      const rows = await listAuditEvents(ctx.db, q);
      const actors = await loadActors(ctx.db, rows.map((x) => x.actorId));
      const last = rows[rows.length - 1];
      res.json({ events: rows.map((x) => presentAuditEvent(x, actors)), nextBefore: rows.length === q.limit && last ? last.id : null });
    }),
  );
  r.get(
    '/dashboard',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'dashboard.view');
      res.json(await buildDashboard(ctx));
    }),
  );
  return r;
}
