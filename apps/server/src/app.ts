import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { DbHandle } from '@desk/db';
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Ctx } from './commands/context.ts';
import { apiRouter } from './http/api.ts';
import { CommandBudget } from './commands/budget.ts';
import { attachSocketHandlers, createIo, isClustered } from './realtime/io.ts';
import { socketPublisher } from './realtime/publisher.ts';
import type { DeskServer } from './realtime/types.ts';
import { jobs } from './workers/pool.ts';

export type App = { http: HttpServer; io: DeskServer; ctx: Ctx; close: () => Promise<void> };

const DEFAULT_WEB_BUILD = fileURLToPath(new URL('../../web/build', import.meta.url));

/** Loads adapter-node's handler so one process serves the dashboard, /api and /socket.io. */
async function webHandler(dir: string, logger: Logger): Promise<RequestHandler | null> {
  const file = resolve(dir, 'handler.js');
  if (!existsSync(file)) {
    logger.warn({ dir }, 'web build not found: serving the API only (run `npm run build`)');
    return null;
  }
  const mod = (await import(pathToFileURL(file).href)) as { handler: RequestHandler };
  return mod.handler;
}

export async function createApp(opts: { config: Config; logger: Logger; db: DbHandle; serveWeb?: boolean }): Promise<App> {
  const { config, logger, db } = opts;
  const app = express();
  app.disable('x-powered-by');
  // Only a configured proxy may tell us the client's address (login limits key on it) and scheme.
  app.set('trust proxy', config.trustProxy);
  // SvelteKit sets its own CSP with per-build hashes for the pages; helmet covers the API.
  app.use('/api', helmet());
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));

  const http = createServer(app);
  const base = { db: db.db, config, logger };
  const io = createIo(base, http, db.pool);
  const ctx: Ctx = { ...base, publish: socketPublisher(io, isClustered(config, db.pool)) };
  // One per-user allowance for commands, whichever door they come through.
  const budget = new CommandBudget(config.commandBurst, config.commandRate);
  attachSocketHandlers(io, ctx, budget, { joined: () => {}, left: () => {} });

  // Job threads load the engine and renderers while the rest starts (a failure shows on the first job).
  jobs(ctx).warm().catch((err: unknown) => logger.error({ err }, 'job threads failed to load'));

  app.use('/api', apiRouter(ctx, budget));
  if (opts.serveWeb !== false) {
    const handler = await webHandler(config.webBuildDir ?? DEFAULT_WEB_BUILD, logger);
    if (handler) app.use(handler);
  }

  return {
    http,
    io,
    ctx,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((res) => io.close(() => res()));
      if (http.listening) await new Promise<void>((res) => http.close(() => res()));
    },
  };
}
