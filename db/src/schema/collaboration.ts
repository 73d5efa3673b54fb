import { type AnyPgColumn, bigserial, primaryKey, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, customType } from 'drizzle-orm/pg-core';
import { approvalKindEnum, riskLevelEnum } from './enums.ts';
import { testimonies } from './testimonies.ts';
import { users } from './users.ts';

export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testimonyId: uuid('testimony_id')
      .notNull()
      .references(() => testimonies.id, { onDelete: 'cascade' }),
    /** Replies point at the thread's first comment. */
    parentId: uuid('parent_id').references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    anchorStart: integer('anchor_start'),
    anchorEnd: integer('anchor_end'),
    body: text('body').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    resolved: boolean('resolved').notNull().default(false),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('comments_testimony_idx').on(t.testimonyId)],
);

export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testimonyId: uuid('testimony_id')
      .notNull()
      .references(() => testimonies.id, { onDelete: 'cascade' }),
    kind: approvalKindEnum('kind').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    /** Safety sign-off: the re-identification risk level it was given at (docs/RISK.md). */
    riskLevel: riskLevelEnum('risk_level'),
    /** Written by the safety officer when that level was high; the sign-off is refused without it. */
    riskAcknowledgement: text('risk_acknowledgement'),
  },
  (t) => [index('approvals_testimony_idx').on(t.testimonyId)],
);

/**
 * Append-only, hash-chained log. `stream` is `testimony:<id>` or `system`; `seq` is dense per
 * stream and doubles as the realtime sequence number. `hash` covers the row and `prevHash`,
 * so an edited or deleted row breaks the chain (`npm run audit:verify`).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    stream: text('stream').notNull(),
    seq: integer('seq').notNull(),
    testimonyId: uuid('testimony_id').references(() => testimonies.id, { onDelete: 'restrict' }),
    actorId: uuid('actor_id').references(() => users.id),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    version: integer('version').notNull().default(0),
    commandId: uuid('command_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_stream_seq_uq').on(t.stream, t.seq),
    index('audit_testimony_idx').on(t.testimonyId),
    index('audit_created_idx').on(t.createdAt),
  ],
);

/**
 * Idempotency: the ack of each applied command, so a retried commandId gets the same answer.
 * Scoped to the caller (one user's id never shadows another's); `payload_hash` lets a reused id
 * with a different payload be refused rather than answered with the first command's ack.
 */
export const processedCommands = pgTable(
  'processed_commands',
  {
    id: uuid('id').notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** sha-256 of the canonical payload; '' for acks recorded before it was kept. */
    payloadHash: text('payload_hash').notNull().default(''),
    result: jsonb('result').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.id] })],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** Required by @socket.io/postgres-adapter for payloads too large for NOTIFY. */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial('id', { mode: 'number' }).unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),
  payload: bytea('payload'),
});
