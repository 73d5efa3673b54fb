import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { testimonyStatusEnum } from './enums.ts';
import { users } from './users.ts';

export const testimonies = pgTable(
  'testimonies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    language: text('language').notNull(),
    sourceNote: text('source_note'),
    /** Frozen at creation, NFC-normalised: every offset in the desk indexes into this string. */
    body: text('body').notNull(),
    bodySha256: text('body_sha256').notNull(),
    status: testimonyStatusEnum('status').notNull().default('draft'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date'),
    /** Bumped by every change to the redaction set; approvals name the version they sign. */
    version: integer('version').notNull().default(0),
    /** Last audit sequence number of this testimony's chain. */
    seq: integer('seq').notNull().default(0),
    /** Hash of that last audit event (null until first written): the fast path's guard. */
    headHash: text('head_hash'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('testimonies_status_idx').on(t.status), index('testimonies_assignee_idx').on(t.assigneeId)],
);
