import { z } from 'zod';
import { Id, LIMITS } from './enums.ts';
import { text } from './text.ts';
import { Actor, LedgerDecision, LedgerCategory } from './testimonies.ts';
/**
 * Commands and the organisation allow-list of the name ledger; the DTOs live in
 * testimonies.ts (the snapshot carries them).
 */
const base = { commandId: Id, testimonyId: Id };

export const DecideLedger = z
  .strictObject({
    ...base,
    entityId: Id,
    decision: LedgerDecision,
    /** Required for `redact`. */
    category: LedgerCategory.optional(),
    /** Optional note, e.g. why a name is not identifying. */
    reason: text().trim().max(LIMITS.reasonChars).optional(),
  })
  .refine((c) => c.decision !== 'redact' || c.category !== undefined, { message: 'Redact needs a category', path: ['category'] });

export const UndoLedger = z.strictObject({ ...base, entityId: Id });

// ---------- organisation allow-list (REST) ----------

export const AllowListEntryDto = z.object({
  id: Id,
  term: z.string(),
  note: z.string().nullable(),
  addedBy: Actor.nullable(),
  addedAt: z.string(),
});
export type AllowListEntryDto = z.infer<typeof AllowListEntryDto>;

export const AllowListResponse = z.object({ entries: z.array(AllowListEntryDto) });
export type AllowListResponse = z.infer<typeof AllowListResponse>;

export const AllowListQuery = z.strictObject({ q: text().max(200).optional() });
export type AllowListQuery = z.infer<typeof AllowListQuery>;

export const AddAllowListBody = z.strictObject({
  term: text().trim().min(1).max(LIMITS.allowTermChars),
  note: text().trim().max(LIMITS.reasonChars).optional(),
});
export type AddAllowListBody = z.infer<typeof AddAllowListBody>;

/** `details` of the `conflict` refusing a safety sign-off while names are undecided. */
export const UndecidedNamesDetails = z.object({
  undecidedNames: z.array(z.object({ entityId: Id, label: z.string(), mentionCount: z.number().int() })),
});
export type UndecidedNamesDetails = z.infer<typeof UndecidedNamesDetails>;
