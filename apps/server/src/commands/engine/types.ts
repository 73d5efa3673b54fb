import type { CommandResult, ConflictNotice, EventPayload, EventType } from '@desk/protocol';
import type { ChainedEvent } from '../../repo/audit.repo.ts';
import type { Tx } from '../../repo/conn.ts';
import type { TestimonyRow } from '../../repo/testimonies.repo.ts';
import type { Action } from '../../policy/policy.ts';
import type { Caller, Ctx } from '../context.ts';

/**
 * The engine's shared vocabulary, in a leaf module: business rules (`*.commands.ts`) and every
 * engine file import these types from here and from nowhere else in the engine, so no two
 * engine files need each other for their types.
 */

/** One event a rule wants appended; `bumpsVersion` marks a change to the redaction set. */
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

/** A command's business rule: reads and writes what it needs under the testimony's lock. */
export type CommandRule = (tx: Tx, t: TestimonyRow) => Promise<CommandOutcome>;

/** What the engine knows about a command besides its rule. */
export type CommandMeta = {
  name: string;
  commandId: string;
  testimonyId: string;
  action: Action;
  /** Fingerprint of the validated payload: a reused command id with another payload is refused. */
  payloadHash: string;
};

export type QueuedCommand = { caller: Caller; cmd: CommandMeta; apply: CommandRule };

/** A command waiting for its batch, with the promise it answers. */
export type Waiting = QueuedCommand & { ctx: Ctx; resolve: (r: CommandResult) => void; reject: (e: unknown) => void };

export type BatchResult =
  | { kind: 'applied'; result: CommandResult; rows: ChainedEvent[]; outcome: CommandOutcome }
  | { kind: 'duplicate'; result: CommandResult }
  | { kind: 'failed'; error: unknown };
