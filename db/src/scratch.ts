import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb } from './client.ts';
import { startEmbeddedPostgres } from './embedded.ts';
import { runMigrations } from './migrate.ts';

export type ScratchDatabase = { url: string; drop: () => Promise<void> };

// Not under `.data/`: that directory IS the app's embedded data directory (`npm start`), and
// initdb refuses a non-empty one, so scratch servers kept there broke a first `npm start` after
// `npm test` (and were nested inside the app's cluster when it came first).
const SCRATCH_DIR = fileURLToPath(new URL('../../.scratch/', import.meta.url));

/**
 * A throwaway, migrated database for a test, fault or benchmark run, so no run touches real
 * data or another run's rows. It lives on TEST_DATABASE_URL / DATABASE_URL (CI: the machine's
 * PostgreSQL) or, without one, on an embedded server under `.scratch/<embedded>`; `drop` removes
 * it (and stops that embedded server). `base` names the server outright (a benchmark that must
 * run on the machine's PostgreSQL).
 */
export async function createScratchDatabase(opts: {
  prefix: string;
  embedded: { dir: string; port: number };
  migrate?: boolean;
  base?: string;
}): Promise<ScratchDatabase> {
  let base = opts.base || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!base) {
    const emb = await startEmbeddedPostgres({ dataDir: SCRATCH_DIR + opts.embedded.dir, port: opts.embedded.port });
    base = emb.url;
    stopEmbedded = emb.stop;
  }
  const name = `${opts.prefix}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  if (opts.migrate !== false) {
    const handle = createDb(url.toString(), { max: 2 });
    try {
      await runMigrations(handle.pool);
    } finally {
      await handle.close();
    }
  }
  const adminUrl = base;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
