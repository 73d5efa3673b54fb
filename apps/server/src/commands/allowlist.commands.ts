import type { AddAllowListBody, AllowListEntryDto } from '@desk/protocol';
import { AppError } from '../errors.ts';
import type { Conn } from '../repo/conn.ts';
import { appendEvent, lockSystemStream, SYSTEM_STREAM } from '../repo/audit.repo.ts';
import { deleteAllowEntry, findAllowByKey, insertAllowEntry, listAllowList, type AllowListRow } from '../repo/allowlist.repo.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import { presentAllowEntry } from '../presenters/ledger.presenter.ts';
import type { Caller, Ctx } from './context.ts';
import { termKey } from './ledger.candidates.ts';

/*
 * The organisation's allow-list. Every change is a hash-chained event of the system stream
 * (`allowlist.added` / `allowlist.removed`, with the term: a public term is not a secret).
 * Callers have passed `authorize(caller, 'allowlist.manage')`.
 */

async function auditAllow(conn: Conn, actorId: string, type: 'allowlist.added' | 'allowlist.removed', row: AllowListRow, extra: Record<string, unknown> = {}): Promise<void> {
  await lockSystemStream(conn);
  await appendEvent(conn, { stream: SYSTEM_STREAM, testimonyId: null, actorId, type, payload: { entryId: row.id, term: row.term, ...extra }, version: 0, commandId: null });
}

/** Adds a term inside the caller's transaction; undefined when a spelling of it is already listed. */
export async function addAllowTerm(conn: Conn, caller: Caller, term: string, note: string | null, extra: Record<string, unknown> = {}): Promise<AllowListRow | undefined> {
  const row = await insertAllowEntry(conn, { term: term.normalize('NFC'), key: termKey(term), note, addedBy: caller.id });
  if (row) await auditAllow(conn, caller.id, 'allowlist.added', row, extra);
  return row;
}

export async function removeAllowTerm(conn: Conn, caller: Caller, id: string, extra: Record<string, unknown> = {}): Promise<AllowListRow | undefined> {
  const row = await deleteAllowEntry(conn, id);
  if (row) await auditAllow(conn, caller.id, 'allowlist.removed', row, extra);
  return row;
}

export async function listAllowEntries(ctx: Ctx, q: string | undefined): Promise<AllowListEntryDto[]> {
  const rows = await listAllowList(ctx.db, q);
  const actors = await loadActors(ctx.db, rows.map((r) => r.addedBy));
  return rows.map((r) => presentAllowEntry(r, actors));
}

export async function createAllowEntry(ctx: Ctx, caller: Caller, body: AddAllowListBody): Promise<AllowListEntryDto> {
  const row = await ctx.db.transaction(async (tx) => {
    const added = await addAllowTerm(tx, caller, body.term, body.note ?? null);
    if (added) return added;
    const existing = await findAllowByKey(tx, termKey(body.term));
    throw new AppError('conflict', existing ? `Already on the allow-list as “${existing.term}”` : 'Already on the allow-list', existing ? { entryId: existing.id } : undefined);
  });
  return presentAllowEntry(row, await loadActors(ctx.db, [caller.id]));
}

export async function deleteAllowEntryById(ctx: Ctx, caller: Caller, id: string): Promise<void> {
  const row = await ctx.db.transaction((tx) => removeAllowTerm(tx, caller, id));
  if (!row) throw new AppError('not_found', 'No such allow-list entry');
}
