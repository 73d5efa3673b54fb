import { z } from 'zod';
import type { Role} from './enums.ts';
import { Id, TestimonyStatus } from './enums.ts';
import type {
  TestimonySnapshot,
  TestimonySummary} from './testimonies.ts';
import {
  Actor,
  ApprovalDto,
  CommentDto,
  EntityGroupDto,
  RedactionDto,
  LedgerStateDto
} from './testimonies.ts';
import type { ApiError } from './errors.ts';

import type { CommandName, CommandPayload, PresenceUpdate } from './commands.ts';
import type { JoinTestimony, SyncTestimony } from './commands.ts';

/** Payload of each sequenced event type; the audit log stores exactly these. */
export const EventPayloads = {
  'testimony.created': z.object({ title: z.string(), bodySha256: z.string(), rawSha256: z.string().nullable() }),
  'testimony.viewed': z.object({ via: z.enum(['http', 'socket']) }),
  'testimony.updated': z.object({
    status: TestimonyStatus,
    assigneeId: Id.nullable(),
    dueDate: z.string().nullable(),
    previousStatus: TestimonyStatus.optional(),
  }),
  'redactions.suggested': z.object({ redactions: z.array(RedactionDto), groups: z.array(EntityGroupDto) }),
  'redaction.proposed': z.object({ redaction: RedactionDto }),
  /** Accept, reject, change of category or reason. `overrode` names a concurrent decision this one replaced. */
  'redaction.updated': z.object({
    redaction: RedactionDto,
    overrode: z.object({ by: Actor, state: z.string(), category: z.string() }).nullable(),
  }),
  'redaction.removed': z.object({
    redactionId: Id,
    /** Set when the removed span was someone else's decision the remover had not seen. */
    overrode: z.object({ by: Actor, state: z.string(), category: z.string() }).nullable().optional(),
  }),
  /**
   * Bulk change (entity-group decision, redact-all): every redaction created or changed, new
   * groups, and each earlier decision by someone else that this command replaced.
   */
  'redactions.updated': z.object({
    redactions: z.array(RedactionDto),
    groups: z.array(EntityGroupDto),
    overrode: z.array(z.object({ redactionId: Id, by: Actor, state: z.string(), category: z.string() })).optional(),
  }),
  'comment.added': z.object({ comment: CommentDto }),
  'comment.resolved': z.object({ commentId: Id, resolved: z.boolean() }),
  'approval.added': z.object({ approval: ApprovalDto }),
  'approvals.withdrawn': z.object({ approvalIds: z.array(Id), reason: z.string() }),
  /** A name-ledger decision (`ledger.decide`), or its undo (`ledger.undo`): the entity's new state. */
  'ledger.decided': z.object({ entity: LedgerStateDto }),
  'ledger.undone': z.object({ entity: LedgerStateDto }),
  'export.created': z.object({ format: z.string(), mode: z.string(), sha256: z.string(), draft: z.boolean() }),
} as const;
export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;

export type TestimonyEvent = {
  [T in EventType]: {
    testimonyId: string;
    seq: number;
    /** Redaction-set version after this event; approvals name it. */
    version: number;
    type: T;
    actor: Actor | null;
    at: string;
    payload: EventPayload<T>;
  };
}[EventType];

/**
 * Consecutive events of one testimony, in `seq` order: what one commit made, or what several
 * commits that finished together made (under load the server sends one message per room for
 * them rather than one per event).
 */
export type TestimonyEvents = { testimonyId: string; events: TestimonyEvent[] };

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type CommandResult = { seq: number; version: number; duplicate: boolean };

export type SyncResult =
  | { mode: 'events'; events: TestimonyEvent[] }
  | { mode: 'snapshot'; snapshot: TestimonySnapshot };

export const PresenceMember = z.object({
  socketId: z.string(),
  user: Actor,
  color: z.string(),
  selection: z.object({ start: z.number(), end: z.number() }).nullable(),
  paragraph: z.number().nullable(),
  idle: z.boolean(),
});
export type PresenceMember = z.infer<typeof PresenceMember>;

export type ConflictNotice = {
  testimonyId: string;
  redactionId: string;
  /** Bulk commands (entity group, redact-all): every span of yours they replaced; the first is `redactionId`. */
  redactionIds?: string[];
  /** The command that replaced your decision, e.g. `redaction.decide`. */
  command?: string;
  /** Your decision that was replaced, and the later one that stands. */
  yours: { state: string; category: string };
  theirs: { by: Actor; state: string; category: string; seq: number };
};

export type QueueViewer = { user: Actor; color: string };

type CommandHandlers = {
  [N in CommandName]: (payload: CommandPayload<N>, ack: (res: Ack<CommandResult>) => void) => void;
};

export interface ClientToServerEvents extends CommandHandlers {
  'testimony.join': (p: z.infer<typeof JoinTestimony>, ack: (res: Ack<TestimonySnapshot>) => void) => void;
  'testimony.leave': (p: z.infer<typeof JoinTestimony>, ack: (res: Ack<null>) => void) => void;
  'testimony.sync': (p: z.infer<typeof SyncTestimony>, ack: (res: Ack<SyncResult>) => void) => void;
  'presence.update': (p: PresenceUpdate, ack?: (res: Ack<null>) => void) => void;
  'queue.subscribe': (p: Record<string, never>, ack: (res: Ack<null>) => void) => void;
}

export interface ServerToClientEvents {
  'testimony.events': (p: TestimonyEvents) => void;
  'presence.state': (p: { testimonyId: string; members: PresenceMember[] }) => void;
  'conflict.notice': (p: ConflictNotice) => void;
  'queue.changed': (p: { testimony: TestimonySummary }) => void;
  'queue.presence': (p: { viewers: Record<string, QueueViewer[]> }) => void;
  'session.revoked': (p: { reason: string }) => void;
}

export type SocketData = { userId: string; sessionId: string; role: z.infer<typeof Role> };
