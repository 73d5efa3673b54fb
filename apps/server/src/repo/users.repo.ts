import { asc, eq, sql } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { users } = schema;
export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(conn: Conn, email: string): Promise<UserRow | undefined> {
  const [u] = await conn.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return u;
}

export async function findUser(conn: Conn, id: string): Promise<UserRow | undefined> {
  const [u] = await conn.select().from(users).where(eq(users.id, id)).limit(1);
  return u;
}

export const listUsers = (conn: Conn) => conn.select().from(users).orderBy(asc(users.name));

export async function countUsers(conn: Conn): Promise<number> {
  const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(conn: Conn, values: typeof users.$inferInsert): Promise<UserRow> {
  const [u] = await conn.insert(users).values(values).returning();
  if (!u) throw new Error('user insert returned nothing');
  return u;
}

export async function updateUser(conn: Conn, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [u] = await conn
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return u;
}
