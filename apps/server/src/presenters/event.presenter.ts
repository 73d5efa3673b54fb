import type { EventType, TestimonyEvent } from '@desk/protocol';
import type { AuditRow } from '../repo/audit.repo.ts';
import { actorOf, type Actors } from './user.presenter.ts';

/**
 * Audit rows of a testimony stream are the realtime events: replay is a read of the log. The
 * command id stays in the audit log: it is the caller's idempotency key, not the room's business.
 */
export function presentEvent(row: Omit<AuditRow, 'id'>, actors: Actors): TestimonyEvent {
  return {
    testimonyId: row.testimonyId ?? '',
    seq: row.seq,
    version: row.version,
    type: row.type as EventType,
    actor: actorOf(actors, row.actorId),
    at: new Date(row.createdAt).toISOString(),
    payload: row.payload,
  } as TestimonyEvent;
}
