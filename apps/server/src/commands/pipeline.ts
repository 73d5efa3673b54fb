import { eq } from 'drizzle-orm';
import { schema } from '@desk/db';
import type { CommandResult, EventPayload, EventType, TestimonyEvent } from '@desk/protocol';
import { AppError } from '../errors.ts';
import { appendEvent, testimonyStream } from '../repo/audit.repo.ts';
import type { Tx } from '../repo/conn.ts';
import { findTestimonySummary, lockTestimony, updateTestimony, type TestimonyRow } from '../repo/testimonies.repo.ts';
import { presentEvent } from '../presenters/event.presenter.ts';
import { presentSummary } from '../presenters/testimony.presenter.ts';
import { loadActors } from '../presenters/user.presenter.ts';
import type { Caller, Ctx } from './context.ts';
import type { ConflictNotice } from '@desk/protocol';
import { authorize, type Action } from '../policy/policy.ts';
import { withdrawApprovals } from './approvals.rules.ts';

export type PendingEvent = {
  [T in EventType]: { type: T; payload: EventPayload<T>; bumpsVersion: boolean };
}[EventType];

export type CommandOutcome = {
  events: PendingEvent[];
  /** Notices for people whose concurrent decision was replaced; sent after commit. */
  conflicts?: { userId: string; notice: Omit<ConflictNotice, 'theirs'> & { theirs: Omit<ConflictNotice['theirs'], 'seq'> } }[];
  /** Extra testimony columns to set (status, assignee...). */
  patch?: Partial<TestimonyRow>;
};

const PG_UNIQUE_VIOLATION = '23505';

function isUniqueViolation(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    if ((e as { code?: string }).code === PG_UNIQUE_VIOLATION) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Applies one command to one testimony: in a single transaction it checks the command id
 * (idempotency), locks the testimony row (so sequence numbers are dense and ordered), runs
 * the business rule, appends the audit events and records the ack. Only after COMMIT are the
 * events broadcast, so nothing is announced that could still roll back.
 */
export async function runTestimonyCommand(
  ctx: Ctx,
  caller: Caller,
  cmd: { name: string; commandId: string; testimonyId: string; action: Action },
  apply: (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>,
): Promise<CommandResult> {
  const { processedCommands } = schema;
  let committed: { result: CommandResult; events: TestimonyEvent[]; outcome: CommandOutcome } | undefined;
  try {
    committed = await ctx.db.transaction(async (tx) => {
      const [seen] = await tx.select().from(processedCommands).where(eq(processedCommands.id, cmd.commandId)).limit(1);
      if (seen) return { result: { ...(seen.result as CommandResult), duplicate: true }, events: [], outcome: { events: [] } };

      const t = await lockTestimony(tx, cmd.testimonyId);
      if (!t) throw new AppError('not_found', 'No such testimony');
      authorize(caller, cmd.action, t);
      const outcome = await apply(tx, t);
      if (outcome.events.some((e) => e.bumpsVersion)) {
        const fallout = await withdrawApprovals(tx, t, `Redactions changed by ${caller.name} (${cmd.name})`);
        outcome.events.push(...fallout.events);
        if (fallout.patch) outcome.patch = { ...outcome.patch, ...fallout.patch };
      }

      let version = t.version;
      let seq = t.seq;
      const rows = [];
      for (const ev of outcome.events) {
        if (ev.bumpsVersion) version += 1;
        seq += 1;
        rows.push(
          await appendEvent(tx, {
            stream: testimonyStream(t.id),
            seq,
            testimonyId: t.id,
            actorId: caller.id,
            type: ev.type,
            payload: ev.payload,
            version,
            commandId: cmd.commandId,
          }),
        );
      }
      await updateTestimony(tx, t.id, { ...outcome.patch, version, seq });
      const result: CommandResult = { seq, version, duplicate: false };
      await tx.insert(processedCommands).values({ id: cmd.commandId, actorId: caller.id, name: cmd.name, result });
      const actors = await loadActors(tx, [caller.id]);
      return { result, events: rows.map((r) => presentEvent(r, actors)), outcome };
    });
  } catch (err) {
    // Two deliveries of one command raced: the loser reads the winner's ack.
    if (isUniqueViolation(err)) {
      const [seen] = await ctx.db.select().from(processedCommands).where(eq(processedCommands.id, cmd.commandId)).limit(1);
      if (seen) return { ...(seen.result as CommandResult), duplicate: true };
    }
    throw err;
  }

  if (committed.events.length > 0) {
    ctx.publish.testimonyEvents(committed.events);
    const lastSeq = committed.result.seq;
    for (const c of committed.outcome.conflicts ?? []) {
      ctx.publish.conflict(c.userId, { ...c.notice, theirs: { ...c.notice.theirs, seq: lastSeq } });
    }
    await announceQueue(ctx, cmd.testimonyId);
  }
  return committed.result;
}

/** Tells dashboards that a row of the queue changed (counts, status, assignee). */
export async function announceQueue(ctx: Ctx, testimonyId: string): Promise<void> {
  try {
    const s = await findTestimonySummary(ctx.db, testimonyId);
    if (s) ctx.publish.queueChanged(presentSummary(s, await loadActors(ctx.db)));
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'queue announcement failed');
  }
}
