import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { CommandResult } from '@desk/protocol';
import type { Db } from '@desk/db';
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
 * holding the testimonies' locks, so folding them shortens every batch. Returns each advanced
 * testimony's new row version (`xmin`), which the fast path later checks.
 */
export async function commitBatchWrites(conn: Conn, w: BatchWrites & { advance: { id: string; seq: number; version: number }[] }): Promise<Map<string, string>> {
  const parts = insertCtes(w);
  if (w.advance.length > 0) {
    const rows = sql.join(
      w.advance.map((r) => sql`(${r.id}::uuid, ${r.seq}::int, ${r.version}::int)`),
      sql`, `,
    );
    parts.push(sql`adv AS (UPDATE testimonies AS t SET seq = v.seq, version = v.version, updated_at = now() FROM (VALUES ${rows}) AS v(id, seq, version) WHERE t.id = v.id RETURNING t.id, t.xmin::text AS xmin)`);
  }
  if (parts.length === 0) return new Map();
  const tail = w.advance.length > 0 ? sql`SELECT id, xmin FROM adv` : sql`SELECT NULL::uuid AS id, NULL AS xmin WHERE false`;
  const res = await conn.execute<{ id: string; xmin: string }>(sql`WITH ${sql.join(parts, sql`, `)} ${tail}`);
  return new Map(res.rows.map((r) => [r.id, r.xmin]));
}

/**
 * A whole batch for one testimony as ONE autocommit statement, valid only if the testimony row
 * is still the version (`xmin`) its planner saw: the UPDATE re-checks that after any lock wait,
 * and every INSERT is conditional on it, so either everything commits or nothing does. Every
 * write to a testimony (seq advance, status, view) replaces its row, so an unchanged xmin
 * means an unchanged testimony, chain head and approval set. Returns the new xmin, or null
 * when someone else wrote first (nothing was written; the caller takes the locking path). A
 * command id that was already acked fails the statement on its primary key.
 *
 * Rows travel as one array per column, so the text never changes and Postgres parses and
 * plans it once per connection (a named prepared statement) rather than on every edit.
 */
export async function commitGuarded(db: Db, w: BatchWrites & { redactions: RedactionRow[]; testimonyId: string; xmin: string; seq: number; version: number }): Promise<string | null> {
  const col = <T, V>(rows: T[], f: (r: T) => V): V[] => rows.map(f);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const { events: e, redactions: r, acks: a } = w;
  const res = await db.$client.query<{ xmin: string }>({
    name: 'desk_commit_guarded_v1',
    text: GUARDED_SQL,
    values: [
      w.testimonyId, w.seq, w.version, w.xmin,
      col(e, (x) => x.stream), col(e, (x) => x.seq), col(e, (x) => x.testimonyId), col(e, (x) => x.actorId), col(e, (x) => x.type),
      col(e, (x) => JSON.stringify(x.payload)), col(e, (x) => x.version), col(e, (x) => x.commandId), col(e, (x) => x.createdAt), col(e, (x) => x.prevHash), col(e, (x) => x.hash),
      col(r, (x) => x.id), col(r, (x) => x.testimonyId), col(r, (x) => x.start), col(r, (x) => x.end), col(r, (x) => x.category), col(r, (x) => x.subtype),
      col(r, (x) => x.state), col(r, (x) => x.entityGroupId), col(r, (x) => x.reason), col(r, (x) => x.confidence), col(r, (x) => x.source), col(r, (x) => x.rev),
      col(r, (x) => x.proposedBy), col(r, (x) => x.decidedBy), col(r, (x) => iso(x.decidedAt)), col(r, (x) => x.lastDecisionSeq), col(r, (x) => iso(x.createdAt)), col(r, (x) => iso(x.updatedAt)),
      col(a, (x) => x.id), col(a, (x) => x.actorId), col(a, (x) => x.name), col(a, (x) => JSON.stringify(x.result)),
    ],
  });
  return res.rows[0]?.xmin ?? null;
}

const GUARDED_SQL = `WITH guard AS (
  UPDATE testimonies SET seq = $2::int, version = $3::int, updated_at = now()
  WHERE id = $1::uuid AND xmin = $4::xid RETURNING xmin::text AS xmin
), ev AS (
  INSERT INTO audit_events (stream, seq, testimony_id, actor_id, type, payload, version, command_id, created_at, prev_hash, hash)
  SELECT * FROM unnest($5::text[], $6::int[], $7::uuid[], $8::uuid[], $9::text[], $10::jsonb[], $11::int[], $12::uuid[], $13::timestamptz[], $14::text[], $15::text[])
  WHERE EXISTS (SELECT 1 FROM guard)
), red AS (
  INSERT INTO redactions (id, testimony_id, start, "end", category, subtype, state, entity_group_id, reason, confidence, source, rev, proposed_by, decided_by, decided_at, last_decision_seq, created_at, updated_at)
  SELECT * FROM unnest($16::uuid[], $17::uuid[], $18::int[], $19::int[], $20::redaction_category[], $21::text[], $22::redaction_state[], $23::uuid[], $24::text[], $25::real[], $26::redaction_source[], $27::int[], $28::uuid[], $29::uuid[], $30::timestamptz[], $31::int[], $32::timestamptz[], $33::timestamptz[])
  WHERE EXISTS (SELECT 1 FROM guard)
), pc AS (
  INSERT INTO processed_commands (id, actor_id, name, result)
  SELECT * FROM unnest($34::uuid[], $35::uuid[], $36::text[], $37::jsonb[])
  WHERE EXISTS (SELECT 1 FROM guard)
)
SELECT xmin FROM guard`;
