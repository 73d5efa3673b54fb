import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { CommandResult } from '@desk/protocol';
import type { Conn } from './conn.ts';
import type { ChainedEvent } from './audit.repo.ts';

const { auditEvents, processedCommands } = schema;

/** The ack of an applied command; `payloadHash` tells a retry from a reused id. */
export type ProcessedAck = { id: string; actorId: string; name: string; payloadHash: string; result: CommandResult };

/** Acks already given to this caller for any of these command ids (idempotency is per caller). */
export async function findProcessed(conn: Conn, actorId: string, ids: string[]): Promise<Map<string, Pick<ProcessedAck, 'result' | 'payloadHash'>>> {
  if (ids.length === 0) return new Map();
  const rows = await conn
    .select({ id: processedCommands.id, result: processedCommands.result, payloadHash: processedCommands.payloadHash })
    .from(processedCommands)
    .where(and(eq(processedCommands.actorId, actorId), inArray(processedCommands.id, ids)));
  return new Map(rows.map((r) => [r.id, { result: r.result as CommandResult, payloadHash: r.payloadHash }]));
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
  commands: { actorId: string; commandId: string }[],
): Promise<{ heads: Map<string, { lastHash: string | null; liveApprovals: boolean }>; processed: Map<string, Pick<ProcessedAck, 'result' | 'payloadHash'>> }> {
  const list = (ids: string[]) =>
    sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
  const pairs = sql.join(
    commands.map((c) => sql`(${c.actorId}::uuid, ${c.commandId}::uuid)`),
    sql`, `,
  );
  const res = await conn.execute<{
    id: string;
    last_hash: string | null;
    live_approvals: boolean;
    processed: { actor: string; id: string; result: CommandResult; payload_hash: string }[] | null;
  }>(sql`
    SELECT t.id,
      (SELECT a.hash FROM audit_events a WHERE a.stream = 'testimony:' || t.id ORDER BY a.seq DESC LIMIT 1) AS last_hash,
      EXISTS (SELECT 1 FROM approvals p WHERE p.testimony_id = t.id AND p.withdrawn_at IS NULL) AS live_approvals,
      (SELECT json_agg(json_build_object('actor', c.actor_id, 'id', c.id, 'result', c.result, 'payload_hash', c.payload_hash)) FROM processed_commands c WHERE (c.actor_id, c.id) IN (${pairs})) AS processed
    FROM testimonies t WHERE t.id IN (${list(testimonyIds)})`);
  return {
    heads: new Map(res.rows.map((r) => [r.id, { lastHash: r.last_hash, liveApprovals: r.live_approvals }])),
    // Keyed like `ackKey` in the engine's batch: caller, then command id.
    processed: new Map((res.rows[0]?.processed ?? []).map((p) => [`${p.actor}:${p.id}`, { result: p.result, payloadHash: p.payload_hash }])),
  };
}

export type BatchWrites = {
  events: ChainedEvent[];
  acks: ProcessedAck[];
};

/**
 * The columns a batch writes, by schema key; their SQL names come from the Drizzle schema, and
 * `commands.repo.columns.test.ts` checks that every column without a default is listed, so a
 * new column cannot break commits at run time.
 */
export const EVENT_COLUMNS = ['stream', 'seq', 'testimonyId', 'actorId', 'type', 'payload', 'version', 'commandId', 'createdAt', 'prevHash', 'hash'] as const satisfies readonly (keyof typeof auditEvents.$inferInsert)[];
export const ACK_COLUMNS = ['id', 'actorId', 'name', 'payloadHash', 'result'] as const satisfies readonly (keyof typeof processedCommands.$inferInsert)[];

type Column = { name: string; getSQLType(): string };

/**
 * `INSERT INTO table (columns) VALUES rows` for the given schema keys: names and casts come
 * from the Drizzle schema, values are taken by the same keys, so list and values cannot drift.
 */
function insertRows<K extends string>(table: typeof auditEvents | typeof processedCommands, keys: readonly K[], rows: Record<K, unknown>[]): SQL {
  const cols = getTableColumns(table) as unknown as Record<K, Column>;
  const names = sql.raw(keys.map((k) => `"${cols[k].name}"`).join(', '));
  const tuple = (r: Record<K, unknown>) =>
    sql`(${sql.join(
      keys.map((k) => {
        const type = cols[k].getSQLType();
        const v = type === 'jsonb' ? JSON.stringify(r[k]) : r[k];
        return sql`${v}::${sql.raw(type)}`;
      }),
      sql`, `,
    )})`;
  return sql`INSERT INTO ${table} (${names}) VALUES ${sql.join(rows.map(tuple), sql`, `)}`;
}

/**
 * The writes that end a transactional batch, as ONE statement (data-modifying CTEs): its audit
 * events and the acks. Each is a round trip made while holding the testimonies' locks, so
 * folding them shortens every batch. The database advances each testimony's seq, version and
 * chain head from the events (trigger of migration 0007).
 */
export async function commitBatchWrites(conn: Conn, w: BatchWrites): Promise<void> {
  const parts: SQL[] = [];
  if (w.events.length > 0) parts.push(sql`ev AS (${insertRows(auditEvents, EVENT_COLUMNS, w.events)})`);
  if (w.acks.length > 0) parts.push(sql`pc AS (${insertRows(processedCommands, ACK_COLUMNS, w.acks)})`);
  if (parts.length === 0) return;
  await conn.execute(sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`);
}
