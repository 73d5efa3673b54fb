import { Router } from 'express';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../commands/context.ts';
import { VERSION } from '../../version.ts';
import { jobs } from '../../workers/pool.ts';

export function healthRoutes(ctx: Ctx): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    let db: 'ok' | 'down' = 'ok';
    try {
      await ctx.db.execute(sql`SELECT 1`);
    } catch {
      db = 'down';
    }
    // `jobs` says whether the worker threads have finished loading the engine (exports, imports and
    // checks wait for them until then); the desk serves everything else meanwhile, so it stays 200.
    res.status(db === 'ok' ? 200 : 503).json({ ok: db === 'ok', db, jobs: jobs(ctx).ready ? 'ready' : 'warming', version: VERSION });
  });
  return r;
}
