import { sql } from 'drizzle-orm';
import type { TestimonyStatus } from '@desk/protocol';
import type { Conn } from './conn.ts';

const OPEN = sql`t.status NOT IN ('approved', 'published')`;

export async function countByStatus(conn: Conn): Promise<{ status: TestimonyStatus; n: number }[]> {
  const r = await conn.execute<{ status: TestimonyStatus; n: number }>(sql`SELECT status, count(*)::int AS n FROM testimonies GROUP BY status`);
  return r.rows;
}

/** Open (not yet approved) work per assignee; overdue = due date before today. */
export async function workloadByAssignee(conn: Conn): Promise<{ assigneeId: string | null; open: number; overdue: number }[]> {
  const r = await conn.execute<{ assigneeId: string | null; open: number; overdue: number }>(sql`
    SELECT t.assignee_id AS "assigneeId",
           count(*)::int AS open,
           count(*) FILTER (WHERE t.due_date < current_date)::int AS overdue
    FROM testimonies t WHERE ${OPEN} GROUP BY t.assignee_id`);
  return r.rows;
}

export async function openSuggestionsByTestimony(conn: Conn, limit: number): Promise<{ total: number; rows: { id: string; title: string; status: TestimonyStatus; openSuggestions: number }[] }> {
  const r = await conn.execute<{ id: string; title: string; status: TestimonyStatus; openSuggestions: number }>(sql`
    SELECT t.id, t.title, t.status, count(r.id)::int AS "openSuggestions"
    FROM testimonies t JOIN redactions r ON r.testimony_id = t.id AND r.state = 'suggested'
    GROUP BY t.id ORDER BY count(r.id) DESC, t.id LIMIT ${limit}`);
  const total = await conn.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM redactions WHERE state = 'suggested'`);
  return { total: total.rows[0]?.n ?? 0, rows: r.rows };
}
