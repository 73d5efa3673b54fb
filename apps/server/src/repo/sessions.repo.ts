import { and, eq, gt, lt } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { sessions, users } = schema;

export async function insertSession(conn: Conn, v: typeof sessions.$inferInsert): Promise<void> {
  await conn.insert(sessions).values(v);
}

/** A live session and its user, or nothing if expired, unknown, or the user is disabled. */
export async function findLiveSession(conn: Conn, id: string) {
  const [row] = await conn
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)))
    .limit(1);
  return row;
}

export async function deleteSession(conn: Conn, id: string): Promise<void> {
  await conn.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(conn: Conn, userId: string): Promise<string[]> {
  const rows = await conn.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export async function deleteExpiredSessions(conn: Conn): Promise<void> {
  await conn.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
