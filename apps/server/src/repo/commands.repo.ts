import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { CommandResult } from '@desk/protocol';
import type { Conn } from './conn.ts';
import type { ChainedEvent } from './audit.repo.ts';

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

/**
 * The writes that end a batch, as ONE statement (data-modifying CTEs): its audit events, the
 * testimonies' new seq and version, and the acks. Each is a round trip made while holding
 * the testimonies' locks, so folding them shortens every batch.
 */
export async function commitBatchWrites(
  conn: Conn,
  w: {
    events: ChainedEvent[];
    advance: { id: string; seq: number; version: number }[];
    acks: { id: string; actorId: string; name: string; result: CommandResult }[];
  },
): Promise<void> {
  if (w.events.length === 0 && w.advance.length === 0 && w.acks.length === 0) return;
  const parts: SQL[] = [];
  if (w.events.length > 0) {
    const rows = sql.join(
      w.events.map(
        (e) =>
          sql`(${e.stream}, ${e.seq}::int, ${e.testimonyId}::uuid, ${e.actorId}::uuid, ${e.type}, ${JSON.stringify(e.payload)}::jsonb, ${e.version}::int, ${e.commandId}::uuid, ${e.createdAt}::timestamptz, ${e.prevHash}, ${e.hash})`,
      ),
      sql`, `,
    );
    parts.push(sql`ev AS (INSERT INTO audit_events (stream, seq, testimony_id, actor_id, type, payload, version, command_id, created_at, prev_hash, hash) VALUES ${rows})`);
  }
  if (w.advance.length > 0) {
    const rows = sql.join(
      w.advance.map((r) => sql`(${r.id}::uuid, ${r.seq}::int, ${r.version}::int)`),
      sql`, `,
    );
    parts.push(sql`adv AS (UPDATE testimonies AS t SET seq = v.seq, version = v.version, updated_at = now() FROM (VALUES ${rows}) AS v(id, seq, version) WHERE t.id = v.id)`);
  }
  if (w.acks.length > 0) {
    const rows = sql.join(
      w.acks.map((a) => sql`(${a.id}::uuid, ${a.actorId}::uuid, ${a.name}, ${JSON.stringify(a.result)}::jsonb)`),
      sql`, `,
    );
    parts.push(sql`pc AS (INSERT INTO processed_commands (id, actor_id, name, result) VALUES ${rows})`);
  }
  await conn.execute(sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`);
}
