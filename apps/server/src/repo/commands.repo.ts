import { eq, inArray, sql } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { CommandResult } from '@desk/protocol';
import type { Conn } from './conn.ts';

const { processedCommands } = schema;

/** Acks already given for any of these command ids (idempotency). */
export async function findProcessed(conn: Conn, ids: string[]): Promise<Map<string, CommandResult>> {
  if (ids.length === 0) return new Map();
  const rows = await conn
    .select({ id: processedCommands.id, result: processedCommands.result })
    .from(processedCommands)
    .where(ids.length === 1 ? eq(processedCommands.id, ids[0]!) : inArray(processedCommands.id, ids));
  return new Map(rows.map((r) => [r.id, r.result as CommandResult]));
}

export async function insertProcessed(conn: Conn, rows: { id: string; actorId: string; name: string; result: CommandResult }[]): Promise<void> {
  if (rows.length > 0) await conn.insert(processedCommands).values(rows);
}

/**
 * What a batch needs once it holds the testimonies' locks, in one round trip: for each
 * testimony the last hash of its audit chain and whether any approval is live, and the acks
 * already given for the batch's command ids. It must run AFTER the locks are granted, in its
 * own statement: a statement that waited for a lock reads with the snapshot it took before
 * waiting, and would miss what the previous holder committed.
 */
export async function batchPreconditions(
  conn: Conn,
  testimonyIds: string[],
  commandIds: string[],
): Promise<{ heads: Map<string, { lastHash: string | null; liveApprovals: boolean }>; processed: Map<string, CommandResult> }> {
  const list = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  const res = await conn.execute<{ id: string; last_hash: string | null; live_approvals: boolean; processed: { id: string; result: CommandResult }[] | null }>(sql`
    SELECT t.id,
      (SELECT a.hash FROM audit_events a WHERE a.stream = 'testimony:' || t.id ORDER BY a.seq DESC LIMIT 1) AS last_hash,
      EXISTS (SELECT 1 FROM approvals p WHERE p.testimony_id = t.id AND p.withdrawn_at IS NULL) AS live_approvals,
      (SELECT json_agg(json_build_object('id', c.id, 'result', c.result)) FROM processed_commands c WHERE c.id IN (${list(commandIds)})) AS processed
    FROM testimonies t WHERE t.id IN (${list(testimonyIds)})`);
  return {
    heads: new Map(res.rows.map((r) => [r.id, { lastHash: r.last_hash, liveApprovals: r.live_approvals }])),
    processed: new Map((res.rows[0]?.processed ?? []).map((p) => [p.id, p.result])),
  };
}
