export type Category = 'person' | 'place' | 'hiding' | 'quasi' | 'other';

/**
 * What a quasi-identifier says about the witness (issue 16). `profession` covers jobs and ranks,
 * `origin` a region or nationality tied to the witness, `date`/`duration` personal events (arrest,
 * escape, sentence), `unit` a unit or position held, `group` membership of a small group.
 */
export type QuasiSubtype =
  | 'age'
  | 'profession'
  | 'studies'
  | 'languages'
  | 'origin'
  | 'family'
  | 'tribe'
  | 'appearance'
  | 'date'
  | 'duration'
  | 'sum'
  | 'unit'
  | 'group';

export const QUASI_SUBTYPES: readonly QuasiSubtype[] = ['age', 'profession', 'studies', 'languages', 'origin', 'family', 'tribe', 'appearance', 'date', 'duration', 'sum', 'unit', 'group'];

export interface DetectedSpan {
  /** UTF-16 offsets into the text given to detect(). */
  start: number;
  end: number;
  category: Category;
  /** Set on every quasi-identifier. */
  subtype?: QuasiSubtype;
  /** 0..1; the product shows spans at or above DetectOptions.minConfidence (default 0.5). */
  confidence: number;
  /** Short human-readable reason, shown to the officer. */
  reason: string;
  /** Same key for every mention (and spelling variant) of one person or place. */
  entityKey: string;
}

export interface DetectOptions {
  /** Extra public terms (e.g. the organisation's allow-list) never to suggest nor list as candidates (matched with spelling variants). */
  allow?: string[];
  /** Drop suggestions below this confidence. Default 0.5. */
  minConfidence?: number;
}
