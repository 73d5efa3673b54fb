import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema> & { $client: pg.Pool };
export type DbHandle = { db: Db; pool: pg.Pool; close: () => Promise<void> };
/** One connection checked out of the pool, for statements that must run in order on it. */
export type DbConnection = pg.PoolClient;

/**
 * One pool per process; `max` is small because Socket.IO work is short transactions. The
 * command engine uses at most 4 of them at once (apps/server/src/commands/engine/scheduler.ts),
 * so logins, reads and REST always find one.
 */
export function createDb(url: string, options: { max?: number } = {}): DbHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}
