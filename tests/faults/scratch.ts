import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { createDb, runMigrations, startEmbeddedPostgres } from '@desk/db';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type Scratch = { url: string; drop: () => Promise<void> };

/**
 * A throwaway database on the machine's Postgres (TEST_DATABASE_URL / DATABASE_URL, as in
 * CI) or, without one, on an embedded server, so the fault run never touches real data.
 */
export async function scratchDatabase(): Promise<Scratch> {
  let base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (!base) {
    const emb = await startEmbeddedPostgres({ dataDir: `${root}.data/faults-pg`, port: 54341 });
    base = emb.url;
    stopEmbedded = emb.stop;
  }
  const name = `desk_faults_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = createDb(url.toString(), { max: 2 });
  await runMigrations(handle.pool);
  await handle.close();
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}

export const EDITOR_PASSWORD = 'fault-run-password-1';

/**
 * Editors are inserted directly with one shared argon2id hash: hashing 50 passwords through
 * the API would only measure argon2. Everything after this goes through the real doors.
 */
export async function seedEditors(db: pg.Pool, count: number): Promise<string[]> {
  const phc = await hash(EDITOR_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const emails = Array.from({ length: count }, (_, i) => `editor${i}@faults.desk`);
  for (const [i, email] of emails.entries()) {
    await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'editor', $3)`, [email, `Editor ${i}`, phc]);
  }
  return emails;
}
