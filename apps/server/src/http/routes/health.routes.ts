import { Router } from 'express';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../commands/context.ts';
import { VERSION } from '../../version.ts';

export function healthRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    let db: 'ok' | 'down' = 'ok';
    try {
      await ctx.db.execute(sql`SELECT 1`);
    } catch {
      db = 'down';
    }
    res.status(db === 'ok' ? 200 : 503).json({ ok: db === 'ok', db, version: VERSION });
  });
  return r;
}
