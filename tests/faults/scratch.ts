import type pg from 'pg';
import { hash } from '@node-rs/argon2';
import { createScratchDatabase, type ScratchDatabase } from '@desk/db';

export type Scratch = ScratchDatabase;

/** A throwaway database, so the fault run never touches real data. */
export const scratchDatabase = (): Promise<Scratch> => createScratchDatabase({ prefix: 'desk_faults', embedded: { dir: 'faults-pg', port: 54341 } });

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
