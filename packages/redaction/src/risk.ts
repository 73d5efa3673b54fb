import { quasiSubtypeOf, type QuasiSubtype, type RiskLevel, type RiskSummary } from '@desk/protocol';
import type { QuasiSubtype as DetectedSubtype } from './types.ts';

/** The engine's subtypes and the protocol's are one list; this fails to compile if they drift apart. */
export const SUBTYPES_AGREE: [DetectedSubtype] extends [QuasiSubtype] ? ([QuasiSubtype] extends [DetectedSubtype] ? true : never) : never = true;

/*
 * Re-identification risk of one testimony, from the quasi-identifiers an export would still
 * show. The model (docs/RISK.md): each visible attribute class divides the population the
 * witness could be drawn from by a factor; classes are taken as independent, so the factors
 * multiply; the estimated anonymity set is k = population / product (k-anonymity: how many
 * people fit everything the text says). Low k is high risk. Pure, no IO: the server (queue,
 * sign-off rule) and the review page (live) run this same function.
 */

export type AttributeClass = QuasiSubtype | 'other';

interface ClassModel {
  /** How many times fewer people fit once the exact value is visible. */
  exact: number;
  /** The same when only a generalised value is visible (reviewer-written, or the default). */
  coarse: number;
  /** Whether the subtype's default generalisation is a coarser value (else a bare label, factor 1). */
  coarseDefault: boolean;
  words: string;
  coarseWords: string;
}

/*
 * Factors are order-of-magnitude judgements, not measurements: roughly the number of values an
 * attribute takes among people of one conflict, one side and one decade, weighted up when the
 * value is something acquaintances know (unit, small group, tribe, a distinguishing mark).
 */
export const CLASS_MODEL: Record<AttributeClass, ClassModel> = {
  group: { exact: 100, coarse: 4, coarseDefault: false, words: 'small-group membership', coarseWords: 'generalised group membership' },
  profession: { exact: 50, coarse: 5, coarseDefault: false, words: 'profession or rank', coarseWords: 'generalised profession' },
  unit: { exact: 50, coarse: 5, coarseDefault: false, words: 'unit or position held', coarseWords: 'generalised unit or position' },
  tribe: { exact: 50, coarse: 5, coarseDefault: false, words: 'tribe or clan', coarseWords: 'generalised tribe or clan' },
  age: { exact: 30, coarse: 4, coarseDefault: true, words: 'exact age', coarseWords: 'age range' },
  origin: { exact: 30, coarse: 3, coarseDefault: false, words: 'home region or origin', coarseWords: 'generalised origin' },
  date: { exact: 30, coarse: 3, coarseDefault: true, words: 'exact date of a personal event', coarseWords: 'year of a personal event' },
  appearance: { exact: 20, coarse: 2, coarseDefault: false, words: 'appearance or distinguishing mark', coarseWords: 'generalised appearance' },
  studies: { exact: 20, coarse: 3, coarseDefault: false, words: 'studies', coarseWords: 'generalised studies' },
  languages: { exact: 10, coarse: 2, coarseDefault: false, words: 'languages spoken', coarseWords: 'generalised languages' },
  duration: { exact: 10, coarse: 2, coarseDefault: true, words: 'duration of a personal event', coarseWords: 'approximate duration' },
  other: { exact: 10, coarse: 2, coarseDefault: false, words: 'other personal detail', coarseWords: 'generalised personal detail' },
  family: { exact: 8, coarse: 2, coarseDefault: false, words: 'family situation', coarseWords: 'generalised family situation' },
  sum: { exact: 5, coarse: 1.5, coarseDefault: false, words: 'sum paid', coarseWords: 'generalised sum' },
};

const ORDER = Object.keys(CLASS_MODEL);

export interface RiskOptions {
  /** People the testimony's public context (country, conflict, side, years) already narrows to. */
  population?: number;
}
export const DEFAULT_POPULATION = 100_000;
/** k below these is high / medium risk (the usual k-anonymity floors are 5–10). */
export const HIGH_BELOW_K = 10;
export const MEDIUM_BELOW_K = 100;
/** Further distinct values of one class (two dates: arrest and escape) each double its factor, at most this many times. */
const MAX_EXTRA = 2;

/** What the model reads of a redaction: never its text, so the queue can score without the body. */
export interface RiskItem {
  category: string;
  subtype?: string | null;
  state: 'suggested' | 'accepted' | 'rejected';
  generalisation?: string | null;
  /** Mentions of one fact share a group and count once. */
  entityGroupId?: string | null;
}

export interface VisibleClass {
  cls: AttributeClass;
  /** Distinct visible values of this class. */
  count: number;
  /** True when every visible value of the class is generalised. */
  generalised: boolean;
  factor: number;
  reason: string;
}

export interface RiskAssessment extends RiskSummary {
  visible: VisibleClass[];
  /** "exact age + profession or rank visible", or that nothing is. */
  summary: string;
}

/**
 * How much of one quasi redaction an export can still show. Undecided and rejected spans show
 * the original; accepted spans show nothing in bar/label/pseudonym mode, but the generalise mode
 * shows a coarser value, and the sign-off covers every mode, so that is what counts.
 */
function exposure(r: RiskItem, model: ClassModel): 'exact' | 'coarse' | 'none' {
  if (r.state !== 'accepted') return 'exact';
  if (r.generalisation != null) return 'coarse';
  return model.coarseDefault ? 'coarse' : 'none';
}

export function assessRisk(items: readonly RiskItem[], options: RiskOptions = {}): RiskAssessment {
  const population = options.population ?? DEFAULT_POPULATION;
  const byClass = new Map<AttributeClass, { exact: Set<string>; coarse: Set<string> }>();
  items.forEach((r, i) => {
    if (r.category !== 'quasi') return;
    const cls: AttributeClass = quasiSubtypeOf(r.subtype) ?? 'other';
    const level = exposure(r, CLASS_MODEL[cls]);
    if (level === 'none') return;
    const entry = byClass.get(cls) ?? { exact: new Set<string>(), coarse: new Set<string>() };
    entry[level].add(r.entityGroupId ?? `#${i}`);
    byClass.set(cls, entry);
  });
  const visible: VisibleClass[] = [];
  for (const [cls, { exact, coarse }] of byClass) {
    const m = CLASS_MODEL[cls];
    // A fact visible exactly in one mention is exact, whatever its other mentions show.
    for (const key of exact) coarse.delete(key);
    const count = exact.size + coarse.size;
    const base = exact.size > 0 ? m.exact : m.coarse;
    const factor = base * 2 ** Math.min(MAX_EXTRA, count - 1);
    const words = exact.size > 0 ? m.words : m.coarseWords;
    visible.push({ cls, count, generalised: exact.size === 0, factor, reason: count > 1 ? `${words} (${count} values)` : words });
  }
  visible.sort((a, b) => b.factor - a.factor || ORDER.indexOf(a.cls) - ORDER.indexOf(b.cls));
  const product = visible.reduce((p, v) => p * v.factor, 1);
  const anonymitySet = Math.floor(population / product);
  const level: RiskLevel = anonymitySet < HIGH_BELOW_K ? 'high' : anonymitySet < MEDIUM_BELOW_K ? 'medium' : 'low';
  const reasons = visible.map((v) => v.reason);
  const summary = reasons.length ? `${reasons.join(' + ')} visible` : 'no quasi-identifier visible';
  return { level, anonymitySet, reasons, visible, summary };
}

/** The queue's view: level, k and reasons only. */
export function riskSummary(items: readonly RiskItem[], options?: RiskOptions): RiskSummary {
  const { level, anonymitySet, reasons } = assessRisk(items, options);
  return { level, anonymitySet, reasons };
}
