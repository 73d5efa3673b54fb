import { eq, inArray } from 'drizzle-orm';
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
