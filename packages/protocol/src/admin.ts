import { z } from 'zod';
import { Id, Role, TestimonyStatus } from './enums.ts';
import { text } from './text.ts';

/**
 * Manual status moves (`testimony.setStatus`). `approved` is never a target: only the second
 * valid approval (`approval.submit`) gets a testimony there. `published` is final. UIs offer
 * exactly these; the server enforces them.
 */
export const STATUS_TRANSITIONS: Record<TestimonyStatus, readonly TestimonyStatus[]> = {
  draft: ['in_review'],
  in_review: ['changes_requested'],
  changes_requested: ['in_review'],
  approved: ['published', 'changes_requested'],
  published: [],
};
import { Actor } from './testimonies.ts';

/** Export formats and how redacted spans are replaced (`GET /api/testimonies/:id/export`). */
export const EXPORT_FORMATS = ['txt', 'md', 'json', 'docx', 'pdf'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const REPLACEMENT_MODES = ['bar', 'label', 'pseudonym', 'generalise'] as const;
export const ReplacementMode = z.enum(REPLACEMENT_MODES);
export type ReplacementMode = z.infer<typeof ReplacementMode>;

export const ExportQuery = z.strictObject({ format: ExportFormat, mode: ReplacementMode.default('label') });
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * A place where the leak gate found a redacted string or another spelling of it, pointed at the
 * testimony: body offsets [start, end) and 1-based paragraph of the visible text, the formats that
 * carry it. `text` is the visible text, sent only to callers who may read the original (else null).
 * A hit no visible testimony text explains has null offsets and says where it is in which file.
 */
export const LeakFindingDto = z.object({
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  paragraph: z.number().int().nullable(),
  text: z.string().nullable(),
  category: z.string(),
  match: z.enum(['exact', 'variant']),
  formats: z.array(ExportFormat),
  part: z.enum(['text', 'metadata']),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});
export type LeakFindingDto = z.infer<typeof LeakFindingDto>;

/** `GET /api/audit`: admins and safety officers browse every stream, newest first. */
export const AuditQuery = z.strictObject({
  testimonyId: Id.optional(),
  actorId: Id.optional(),
  type: text().max(64).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Keyset pagination: the `id` of the last row of the previous page. */
  before: z.coerce.number().int().min(1).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventDto = z.object({
  id: z.number().int(),
  stream: z.string(),
  seq: z.number().int(),
  testimonyId: Id.nullable(),
  actor: Actor.nullable(),
  type: z.string(),
  version: z.number().int(),
  at: z.string(),
  payload: z.unknown(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;
export const AuditListResponse = z.object({ events: z.array(AuditEventDto), nextBefore: z.number().int().nullable() });
export type AuditListResponse = z.infer<typeof AuditListResponse>;

const Stat = z.object({ count: z.number().int(), medianHours: z.number().nullable(), p90Hours: z.number().nullable() });

/** `GET /api/dashboard` (admins; safety officers read it too). */
export const DashboardResponse = z.object({
  generatedAt: z.string(),
  countsByStatus: z.record(TestimonyStatus, z.number().int()),
  throughput: z.array(z.object({ weekStart: z.string(), created: z.number().int(), approved: z.number().int(), published: z.number().int() })),
  stageTimes: z.record(TestimonyStatus, Stat),
  workload: z.array(
    z.object({ user: z.object({ id: Id, name: z.string(), role: Role }), open: z.number().int(), overdue: z.number().int() }),
  ),
  unassignedOpen: z.number().int(),
  overdueTotal: z.number().int(),
  openSuggestions: z.object({
    total: z.number().int(),
    testimonies: z.array(z.object({ id: Id, title: z.string(), status: TestimonyStatus, openSuggestions: z.number().int() })),
  }),
});
export type DashboardResponse = z.infer<typeof DashboardResponse>;
