import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { AuditQuery } from '@desk/protocol';
import type { Conn } from './conn.ts';
import type { AuditRow } from './audit.repo.ts';

const { auditEvents, testimonies } = schema;

/** Newest first, keyset-paged on id; every filter is optional. */
export function listAuditEvents(conn: Conn, q: AuditQuery): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (q.testimonyId) where.push(eq(auditEvents.testimonyId, q.testimonyId));
  if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
  if (q.type) where.push(eq(auditEvents.type, q.type));
  if (q.from) where.push(gte(auditEvents.createdAt, new Date(q.from).toISOString()));
  // A bare date as `to` means the whole of that day.
  if (q.to) where.push(q.to.length === 10 ? lt(auditEvents.createdAt, new Date(Date.parse(q.to) + 86_400_000).toISOString()) : lte(auditEvents.createdAt, new Date(q.to).toISOString()));
  if (q.before) where.push(lt(auditEvents.id, q.before));
  return conn
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(q.limit);
}

export async function listStreams(conn: Conn): Promise<string[]> {
  const rows = await conn.selectDistinct({ stream: auditEvents.stream }).from(auditEvents).orderBy(asc(auditEvents.stream));
  return rows.map((r) => r.stream);
}

/** One page of a stream in chain order. */
export const streamPage = (conn: Conn, stream: string, afterSeq: number, limit: number): Promise<AuditRow[]> =>
  conn
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.stream, stream), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);

/** Each testimony's own record of its last sequence number: a deleted tail shows up against it. */
export async function testimonySeqs(conn: Conn): Promise<Map<string, number>> {
  const rows = await conn.select({ id: testimonies.id, seq: testimonies.seq }).from(testimonies);
  return new Map(rows.map((r) => [`testimony:${r.id}`, r.seq]));
}

/** Status-change and creation events, oldest first, for stage timings and throughput. */
export const pipelineEvents = (conn: Conn, since: Date): Promise<Pick<AuditRow, 'testimonyId' | 'type' | 'payload' | 'createdAt'>[]> =>
  conn
    .select({ testimonyId: auditEvents.testimonyId, type: auditEvents.type, payload: auditEvents.payload, createdAt: auditEvents.createdAt })
    .from(auditEvents)
    .where(
      and(
        gte(auditEvents.createdAt, since.toISOString()),
        sql`(${auditEvents.type} = 'testimony.created' OR (${auditEvents.type} = 'testimony.updated' AND ${auditEvents.payload} ? 'previousStatus'))`,
      ),
    )
    .orderBy(asc(auditEvents.id));
