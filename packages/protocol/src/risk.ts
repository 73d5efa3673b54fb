import { z } from 'zod';
import { text } from './text.ts';

/**
 * Kinds of quasi-identifier: facts that do not name the witness but single them out when
 * combined. Stored on quasi redactions (`subtype`), read by the re-identification risk model
 * (packages/redaction/src/risk.ts, docs/RISK.md) and by the generalise export mode.
 */
export const QUASI_SUBTYPES = [
  'age',
  'profession',
  'studies',
  'languages',
  'origin',
  'family',
  'tribe',
  'appearance',
  'date',
  'duration',
  'sum',
  'unit',
  'group',
] as const;
export const QuasiSubtype = z.enum(QUASI_SUBTYPES);
export type QuasiSubtype = z.infer<typeof QuasiSubtype>;

/** Other spellings detectors and older rows use for the same kinds. */
const ALIASES: Record<string, QuasiSubtype> = {
  job: 'profession',
  rank: 'profession',
  occupation: 'profession',
  education: 'studies',
  language: 'languages',
  nationality: 'origin',
  region: 'origin',
  hometown: 'origin',
  children: 'family',
  clan: 'tribe',
  mark: 'appearance',
  sentence: 'duration',
  money: 'sum',
  position: 'unit',
};

/** The kind a stored subtype names, or null when it names none (then it counts as "other"). */
export function quasiSubtypeOf(raw: string | null | undefined): QuasiSubtype | null {
  if (!raw) return null;
  const key = raw.trim().toLowerCase();
  const direct = QuasiSubtype.safeParse(key);
  return direct.success ? direct.data : (ALIASES[key] ?? null);
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);
export type RiskLevel = z.infer<typeof RiskLevel>;

/** The risk of one testimony as the queue shows it; the review page computes the same locally. */
export const RiskSummary = z.object({
  level: RiskLevel,
  /** Estimated number of people the visible details still fit (k in k-anonymity). */
  anonymitySet: z.number().int().min(0),
  /** One phrase per visible attribute class, strongest first ("exact age", "profession or rank"). */
  reasons: z.array(z.string()),
});
export type RiskSummary = z.infer<typeof RiskSummary>;

/** A reviewer-written generalisation: one line, no Markdown code fence characters. */
export const Generalisation = text()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}`]+$/u, { message: 'A generalisation is one line of plain text (no control characters or backticks)' });

/** A written acknowledgement of a high re-identification risk, required on such a safety sign-off. */
export const RiskAcknowledgement = text().trim().min(20, { message: 'Write at least 20 characters: why the risk is acceptable' }).max(1_000);
