import { createDb, runMigrations, startEmbeddedPostgres, type DbHandle } from '@desk/db';
import type { Logger } from '../logger.ts';

export type DatabaseHandle = DbHandle & { embedded: boolean; url: string; shutdown: () => Promise<void> };

/**
 * `DATABASE_URL` wins; without it a real embedded PostgreSQL 15 is started with its data in
 * `dataDir` and stopped again on shutdown. Migrations run either way.
 */
export async function openDatabase(opts: { url: string | undefined; dataDir: string; logger: Logger; poolMax?: number }): Promise<DatabaseHandle> {
  let url = opts.url;
  let stop: (() => Promise<void>) | null = null;
  if (!url) {
    opts.logger.info({ dataDir: opts.dataDir }, 'no DATABASE_URL: starting embedded PostgreSQL');
    const pg = await startEmbeddedPostgres({ dataDir: opts.dataDir, log: (m) => opts.logger.debug({ pg: m }) });
    url = pg.url;
    stop = pg.stop;
  }
  const handle = createDb(url, { max: opts.poolMax });
  try {
    await runMigrations(handle.pool);
  } catch (err) {
    await handle.close().catch(() => {});
    if (stop) await stop().catch(() => {});
    throw err;
  }
  return {
    ...handle,
    embedded: stop !== null,
    url,
    shutdown: async () => {
      await handle.close().catch(() => {});
      if (stop) await stop();
    },
  };
}
