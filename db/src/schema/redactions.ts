import { index, integer, pgTable, real, text, timestamp, uniqueIndex, uuid, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { categoryEnum, redactionSourceEnum, redactionStateEnum } from './enums.ts';
import { testimonies } from './testimonies.ts';
import { users } from './users.ts';

/** One real person or place within a testimony; gives consistent pseudonyms ([PERSON 1]) in exports. */
export const entityGroups = pgTable(
  'entity_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testimonyId: uuid('testimony_id')
      .notNull()
      .references(() => testimonies.id, { onDelete: 'cascade' }),
    /** Variant key from the redaction engine: spellings of one entity share it. */
    key: text('key').notNull(),
    label: text('label').notNull(),
    category: categoryEnum('category').notNull(),
    /** 1-based number within (testimony, category), used for pseudonyms. */
    ordinal: integer('ordinal').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('entity_groups_key_uq').on(t.testimonyId, t.category, t.key)],
);

export const redactions = pgTable(
  'redactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testimonyId: uuid('testimony_id')
      .notNull()
      .references(() => testimonies.id, { onDelete: 'cascade' }),
    /** JavaScript (UTF-16) string indices into testimonies.body. */
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    category: categoryEnum('category').notNull(),
    /** Quasi-identifiers: their kind (QUASI_SUBTYPES in @desk/protocol). */
    subtype: text('subtype'),
    /** Quasi-identifiers: reviewer-written coarser value for the generalise export mode; null = the subtype's default. */
    generalisation: text('generalisation'),
    state: redactionStateEnum('state').notNull().default('suggested'),
    entityGroupId: uuid('entity_group_id').references(() => entityGroups.id, { onDelete: 'set null' }),
    reason: text('reason'),
    confidence: real('confidence'),
    source: redactionSourceEnum('source').notNull(),
    /** Bumped on every change of this row; commands name the rev they saw to detect conflicts. */
    rev: integer('rev').notNull().default(0),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    lastDecisionSeq: integer('last_decision_seq'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('redactions_testimony_idx').on(t.testimonyId, t.start),
    index('redactions_group_idx').on(t.entityGroupId),
    check('redactions_span_ck', sql`${t.start} >= 0 AND ${t.end} > ${t.start}`),
  ],
);
