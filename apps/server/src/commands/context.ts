import type { Db } from '@desk/db';
import type { TestimonyEvent, TestimonySummary, ConflictNotice } from '@desk/protocol';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../policy/policy.ts';

/**
 * What commands may announce after commit. The realtime layer implements it; commands never
 * touch Socket.IO, so they run the same from HTTP, sockets, the seed and tests.
 */
export interface Publisher {
  testimonyEvents(events: TestimonyEvent[]): void;
  queueChanged(summary: TestimonySummary): void;
  conflict(userId: string, notice: ConflictNotice): void;
  userRevoked(userId: string, reason: string): void;
  /** One session ended (logout, re-login): its sockets are told why and closed. */
  sessionRevoked(sessionId: string, reason: string): void;
}

export const silentPublisher: Publisher = {
  testimonyEvents: () => {},
  queueChanged: () => {},
  conflict: () => {},
  userRevoked: () => {},
  sessionRevoked: () => {},
};

export type Ctx = { db: Db; config: Config; logger: Logger; publish: Publisher };

/** The authenticated caller, as commands see it. */
export type Caller = Principal & { name: string; sessionId: string | null };
