import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LEDGER_DECISIONS, type LedgerCategory } from '@desk/protocol';
import { categoryEnum } from './enums.ts';
import { entityGroups } from './redactions.ts';
import { testimonies } from './testimonies.ts';
import { users } from './users.ts';

export const ledgerDecisionEnum = pgEnum('ledger_decision', LEDGER_DECISIONS);

/**
 * Name ledger: one row per candidate entity of a testimony (a proper-noun-like entity the
 * engine neither suggested nor knows as public), computed once from the frozen body at
 * creation, with the human decision on it. The safety sign-off needs every row decided.
 */
export const ledgerEntities = pgTable(
  'ledger_entities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    testimonyId: uuid('testimony_id')
      .notNull()
      .references(() => testimonies.id, { onDelete: 'cascade' }),
    /** The engine's entity key: mentions and spelling variants of one entity share it. */
    entityKey: text('entity_key').notNull(),
    label: text('label').notNull(),
    /** Distinct surface forms, in order of first appearance. */
    spellings: text('spellings').array().notNull(),
    /** Variant keys of the spellings: matched against allow_list.key. */
    keys: text('keys').array().notNull(),
    /** Every mention, `[start, end)` as UTF-16 indices into testimonies.body. */
    mentions: jsonb('mentions').$type<{ start: number; end: number }[]>().notNull(),
    mentionCount: integer('mention_count').notNull(),
    firstStart: integer('first_start').notNull(),
    /** A short excerpt around the first mention, for the review panel. */
    context: text('context').notNull(),
    decision: ledgerDecisionEnum('decision'),
    category: categoryEnum('category').$type<LedgerCategory>(),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Group of the redactions a `redact` decision made. */
    entityGroupId: uuid('entity_group_id').references(() => entityGroups.id, { onDelete: 'set null' }),
    /** Redactions a `redact` decision created (removed again by an undo). */
    createdRedactionIds: uuid('created_redaction_ids').array().notNull().default([]),
    /** Allow-list entry a `keep_public` decision added (removed again by an undo). */
    allowListId: uuid('allow_list_id'),
    rev: integer('rev').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ledger_entities_key_uq').on(t.testimonyId, t.entityKey), index('ledger_entities_testimony_idx').on(t.testimonyId, t.firstStart)],
);

/**
 * The organisation's allow-list: public terms (public figures, organisations, well-known
 * places) that detection never suggests and the ledger never lists, on top of the engine's
 * built-in list. Changes are audited in the system stream.
 */
export const allowList = pgTable(
  'allow_list',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    term: text('term').notNull(),
    /** Variant key of the term (the engine's normaliser): one entry per spelling family. */
    key: text('key').notNull(),
    note: text('note'),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('allow_list_key_uq').on(t.key)],
);
