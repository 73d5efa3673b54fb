import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { CommandResult } from '@desk/protocol';
import type { DbConnection } from '@desk/db';
import type { Conn } from './conn.ts';
import type { ChainedEvent } from './audit.repo.ts';
import type { RedactionRow } from './redactions.repo.ts';

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

export type BatchWrites = {
  events: ChainedEvent[];
  acks: { id: string; actorId: string; name: string; result: CommandResult }[];
};

/** The INSERTs of a batch as CTEs. */
function insertCtes(w: BatchWrites): SQL[] {
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
  if (w.acks.length > 0) {
    const rows = sql.join(
      w.acks.map((a) => sql`(${a.id}::uuid, ${a.actorId}::uuid, ${a.name}, ${JSON.stringify(a.result)}::jsonb)`),
      sql`, `,
    );
    parts.push(sql`pc AS (INSERT INTO processed_commands (id, actor_id, name, result) VALUES ${rows})`);
  }
  return parts;
}

/**
 * The writes that end a transactional batch, as ONE statement (data-modifying CTEs): its audit
 * events, the testimonies' new seq and version, and the acks. Each is a round trip made while
 * holding the testimonies' locks, so folding them shortens every batch. Each advanced
 * testimony records its new chain head, which the fast path's guard checks.
 */
export async function commitBatchWrites(conn: Conn, w: BatchWrites & { advance: { id: string; seq: number; version: number; headHash: string }[] }): Promise<void> {
  const parts = insertCtes(w);
  if (w.advance.length > 0) {
    const rows = sql.join(
      w.advance.map((r) => sql`(${r.id}::uuid, ${r.seq}::int, ${r.version}::int, ${r.headHash})`),
      sql`, `,
    );
    parts.push(sql`adv AS (UPDATE testimonies AS t SET seq = v.seq, version = v.version, head_hash = v.head_hash, updated_at = now() FROM (VALUES ${rows}) AS v(id, seq, version, head_hash) WHERE t.id = v.id)`);
  }
  if (parts.length === 0) return;
  await conn.execute(sql`WITH ${sql.join(parts, sql`, `)} SELECT 1`);
}

/**
 * A whole batch for one testimony as ONE autocommit call of `desk_commit_guarded` (migration
 * 0003), valid only if the testimony's chain still ends where its planner started (seq and hash
 * of the last event): its UPDATE re-checks that on the latest row after any lock wait, and the
 * INSERTs run only if it matched, so either everything commits or nothing does. Every change to
 * a testimony is an event, so an unchanged chain head means an unchanged testimony, redaction
 * set and approvals. Returns false when someone else wrote first (nothing was written; the
 * caller takes the locking path). A command id that was already acked fails the call on its
 * primary key.
 *
 * Because the guard names a head rather than a row version, the next batch can be planned on
 * this one's outcome and queued on the same connection before this one commits; it writes only
 * if this one committed.
 *
 * Rows travel as one array per column, so the call's text never changes: a named prepared
 * statement, and the function's own statements keep their plans for the session.
 */
export async function commitGuarded(
  conn: Pick<DbConnection, 'query'>,
  w: BatchWrites & { redactions: RedactionRow[]; testimonyId: string; from: { seq: number; hash: string }; to: { seq: number; version: number; hash: string } },
): Promise<boolean> {
  const col = <T, V>(rows: T[], f: (r: T) => V): V[] => rows.map(f);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const { events: e, redactions: r, acks: a } = w;
  const res = await conn.query<{ ok: boolean }>({
    name: 'desk_commit_guarded',
    text: `SELECT desk_commit_guarded(${Array.from({ length: 39 }, (_, i) => `$${i + 1}`).join(', ')}) AS ok`,
    values: [
      w.testimonyId, w.from.seq, w.from.hash, w.to.seq, w.to.version, w.to.hash,
      col(e, (x) => x.stream), col(e, (x) => x.seq), col(e, (x) => x.testimonyId), col(e, (x) => x.actorId), col(e, (x) => x.type),
      col(e, (x) => JSON.stringify(x.payload)), col(e, (x) => x.version), col(e, (x) => x.commandId), col(e, (x) => x.createdAt), col(e, (x) => x.prevHash), col(e, (x) => x.hash),
      col(r, (x) => x.id), col(r, (x) => x.testimonyId), col(r, (x) => x.start), col(r, (x) => x.end), col(r, (x) => x.category), col(r, (x) => x.subtype),
      col(r, (x) => x.state), col(r, (x) => x.entityGroupId), col(r, (x) => x.reason), col(r, (x) => x.confidence), col(r, (x) => x.source), col(r, (x) => x.rev),
      col(r, (x) => x.proposedBy), col(r, (x) => x.decidedBy), col(r, (x) => iso(x.decidedAt)), col(r, (x) => x.lastDecisionSeq), col(r, (x) => iso(x.createdAt)), col(r, (x) => iso(x.updatedAt)),
      col(a, (x) => x.id), col(a, (x) => x.actorId), col(a, (x) => x.name), col(a, (x) => JSON.stringify(x.result)),
    ],
  });
  return res.rows[0]?.ok === true;
}
