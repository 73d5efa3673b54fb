import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createDb, runMigrations, startEmbeddedPostgres } from '@desk/db';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One fresh database per test run on a real PostgreSQL: TEST_DATABASE_URL (CI uses the
 * machine's server), else DATABASE_URL, else an embedded server under .data/test-pg.
 */
export default async function setup(project: TestProject) {
  let base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!base) {
    const emb = await startEmbeddedPostgres({ dataDir: new URL('../../../.data/test-pg', import.meta.url).pathname, port: 54339 });
    base = emb.url;
    stopEmbedded = emb.stop;
  }
  const name = `desk_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = createDb(url.toString(), { max: 2 });
  await runMigrations(handle.pool);
  await handle.close();
  project.provide('databaseUrl', url.toString());

  return async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await c.end();
    if (stopEmbedded) await stopEmbedded();
  };
}
