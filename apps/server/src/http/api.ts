import express, { Router } from 'express';
import type { Ctx } from '../commands/context.ts';
import type { CommandBudget } from '../commands/budget.ts';
import { errorHandler, notFoundHandler } from './middleware/errors.ts';
import { originCheck } from './middleware/origin.ts';
import { sessionMiddleware } from './middleware/session.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { testimonyRoutes } from './routes/testimonies.routes.ts';
import { userRoutes } from './routes/users.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { commandRoutes } from './routes/commands.routes.ts';
import { allowListRoutes } from './routes/allowlist.routes.ts';

/** Everything under /api. Bodies are JSON only and bounded; testimonies may be a few MB. */
export function apiRouter(ctx: Ctx, budget: CommandBudget): Router {
  const api = Router();
  api.use('/health', healthRoutes(ctx));
  api.use(originCheck(ctx.config.publicOrigins));
  // A body may hold 2,000,000 UTF-16 units (LIMITS.bodyChars); in UTF-8 that is up to 6 MB
  // (3 bytes per unit outside ASCII), plus the other fields. Beyond that: 413.
  api.use(express.json({ limit: '7mb', strict: true }));
  api.use(sessionMiddleware(ctx));
  api.use('/auth', authRoutes(ctx));
  api.use('/users', userRoutes(ctx));
  api.use('/testimonies', exportRoutes(ctx));
  api.use('/testimonies', testimonyRoutes(ctx));
  api.use('/allow-list', allowListRoutes(ctx));
  api.use('/testimonies', commandRoutes(ctx, budget));
  api.use(adminRoutes(ctx));
  api.use(notFoundHandler);
  api.use(errorHandler(ctx.logger));
  return api;
}
