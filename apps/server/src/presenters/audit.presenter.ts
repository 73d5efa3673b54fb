import type { AuditEventDto } from '@desk/protocol';
import type { AuditRow } from '../repo/audit.repo.ts';
import { actorOf, type Actors } from './user.presenter.ts';

/** Audit rows for admins and safety officers; payloads never hold original text (offsets only). */
export const presentAuditEvent = (r: AuditRow, actors: Actors): AuditEventDto => ({
  id: r.id,
  stream: r.stream,
  seq: r.seq,
  testimonyId: r.testimonyId,
  actor: actorOf(actors, r.actorId),
  type: r.type,
  version: r.version,
  at: new Date(r.createdAt).toISOString(),
  payload: r.payload,
  hash: r.hash,
});
