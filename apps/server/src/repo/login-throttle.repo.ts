import { and, eq, sql } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { loginThrottle } = schema;

/** When this (email, source) may try again, if it is waiting. */
export async function lockedUntil(conn: Conn, emailKey: string, source: string): Promise<Date | null> {
  const [row] = await conn
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.emailKey, emailKey), eq(loginThrottle.source, source), sql`${loginThrottle.lockedUntil} > now()`))
    .limit(1);
  return row?.lockedUntil ?? null;
}

/**
 * Counts one failure atomically (parallel guesses each get their own count: the increment is
 * one statement, never read-then-write) and, from the `max`-th failure on, makes the pair wait
 * 1, 2, 4 … up to `capMinutes` minutes. A count untouched for a day starts again.
 */
export async function recordFailure(conn: Conn, emailKey: string, source: string, max: number, capMinutes: number): Promise<{ failures: number; lockedUntil: Date | null }> {
  const stale = sql`${loginThrottle.updatedAt} < now() - interval '1 day'`;
  const failures = sql`CASE WHEN ${stale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`;
  // 2^(failures - max) minutes, evaluated on the incremented count, never shortening a wait.
  const wait = sql`CASE WHEN ${failures} >= ${max} THEN now() + least(${capMinutes}, power(2, ${failures} - ${max})) * interval '1 minute' END`;
  const [row] = await conn
    .insert(loginThrottle)
    .values({ emailKey, source, failures: 1, lockedUntil: max <= 1 ? sql`now() + interval '1 minute'` : null })
    .onConflictDoUpdate({
      target: [loginThrottle.emailKey, loginThrottle.source],
      set: {
        failures,
        lockedUntil: sql`greatest(${loginThrottle.lockedUntil}, ${wait})`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ failures: loginThrottle.failures, lockedUntil: loginThrottle.lockedUntil });
  if (!row) throw new Error('login throttle upsert returned nothing');
  return row;
}

/** A successful sign-in clears its own source; an admin's password reset clears every source. */
export async function clearFailures(conn: Conn, emailKey: string, source?: string): Promise<void> {
  await conn.delete(loginThrottle).where(source === undefined ? eq(loginThrottle.emailKey, emailKey) : and(eq(loginThrottle.emailKey, emailKey), eq(loginThrottle.source, source)));
}
