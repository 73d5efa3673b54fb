import { Router } from 'express';
import { ExportQuery, Id } from '@desk/protocol';
import type { Ctx } from '../../commands/context.ts';
import { createExport } from '../../commands/export.commands.ts';
import { authorize } from '../../policy/policy.ts';
import { requireCaller } from '../middleware/session.ts';
import { parse, route } from '../validate.ts';

/** `GET /api/testimonies/:id/export?format=&mode=`: the file itself, after the leak gate. */
export function exportRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get(
    '/:id/export',
    route(async (req, res) => {
      const caller = requireCaller(req);
      authorize(caller, 'export');
      const id = parse(Id, req.params.id);
      const q = parse(ExportQuery, req.query);
      const art = await createExport(ctx, caller, id, q);
      res.setHeader('content-type', art.mime);
      res.setHeader('content-disposition', `attachment; filename="${art.filename}"`);
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-sha256', art.sha256);
      res.send(Buffer.from(art.bytes));
    }),
  );
  return r;
}
