import { and, eq } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';
import type { CommentRow } from './redactions.repo.ts';

const { comments } = schema;

export async function findComment(conn: Conn, testimonyId: string, id: string): Promise<CommentRow | undefined> {
  const [c] = await conn
    .select()
    .from(comments)
    .where(and(eq(comments.id, id), eq(comments.testimonyId, testimonyId)))
    .limit(1);
  return c;
}

export async function insertComment(conn: Conn, v: typeof comments.$inferInsert): Promise<CommentRow> {
  const [c] = await conn.insert(comments).values(v).returning();
  if (!c) throw new Error('comment insert returned nothing');
  return c;
}

export async function setCommentResolved(conn: Conn, id: string, resolved: boolean, by: string | null): Promise<void> {
  await conn.update(comments).set({ resolved, resolvedBy: by }).where(eq(comments.id, id));
}
