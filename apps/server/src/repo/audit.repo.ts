import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { Conn } from './conn.ts';

const { auditEvents } = schema;
export type AuditRow = typeof auditEvents.$inferSelect;
export const GENESIS = '0'.repeat(64);
export const testimonyStream = (id: string) => `testimony:${id}`;
export const SYSTEM_STREAM = 'system';
/** Who read which original, when: a testimony's own chain, apart from its decisions. */
export const viewStream = (id: string) => `views:${id}`;

export type HashedFields = {
  stream: string;
  seq: number;
  testimonyId: string | null;
  actorId: string | null;
  type: string;
  payload: unknown;
  version: number;
  commandId: string | null;
  createdAt: string;
  prevHash: string;
};

/**
 * The chain hash covers every stored field. Payloads are canonicalised (RFC 8785) because
 * jsonb does not keep key order, and timestamps are re-serialised to ISO form on verify.
 */
export function eventHash(f: HashedFields): string {
  const canon = canonicalize({ ...f, createdAt: new Date(f.createdAt).toISOString() }) ?? '';
  return createHash('sha256').update(canon).digest('hex');
}

export async function lastHash(conn: Conn, stream: string): Promise<{ seq: number; hash: string }> {
  const [row] = await conn
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.stream, stream))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row ?? { seq: 0, hash: GENESIS };
}

/**
 * Appends one event at `seq`. The caller must hold the stream's lock (the testimony row
 * FOR UPDATE, or the system advisory lock) so seq and prevHash cannot race.
 */
export async function appendEvent(
  conn: Conn,
  e: Omit<HashedFields, 'prevHash' | 'createdAt' | 'seq'> & { seq?: number },
): Promise<AuditRow> {
  const last = await lastHash(conn, e.stream);
  const seq = e.seq ?? last.seq + 1;
  const createdAt = new Date().toISOString();
  const fields: HashedFields = { ...e, seq, createdAt, prevHash: last.hash };
  const [row] = await conn
    .insert(auditEvents)
    .values({ ...fields, hash: eventHash(fields) })
    .returning();
  if (!row) throw new Error('audit insert returned nothing');
  return row;
}

export async function lockSystemStream(conn: Conn): Promise<void> {
  await lockStream(conn, 'system');
}

/** Serialises appends to a stream that has no row to lock (system, views), until commit. */
export async function lockStream(conn: Conn, stream: string): Promise<void> {
  await conn.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'audit:' + stream}))`);
}

export async function eventsSince(conn: Conn, testimonyId: string, sinceSeq: number, limit: number): Promise<AuditRow[]> {
  return conn
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.stream, testimonyStream(testimonyId)), gt(auditEvents.seq, sinceSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

export type ChainedEvent = HashedFields & { hash: string };

/**
 * Builds the next link of a stream's chain in memory, so a batch of commands can append all
 * its events with one INSERT. The caller holds the stream's lock and passes the last hash.
 */
export function chainEvent(prevHash: string, e: Omit<HashedFields, 'prevHash' | 'createdAt'>): ChainedEvent {
  const fields: HashedFields = { ...e, createdAt: new Date().toISOString(), prevHash };
  return { ...fields, hash: eventHash(fields) };
}

