export type Category = 'person' | 'place' | 'hiding' | 'quasi' | 'other';

export interface DetectedSpan {
  /** UTF-16 offsets into the text given to detect(). */
  start: number;
  end: number;
  category: Category;
  /** For quasi-identifiers: age, job, studies, family, tribe, date, duration, sum, appearance, group. */
  subtype?: string;
  /** 0..1; the product shows spans at or above DetectOptions.minConfidence (default 0.5). */
  confidence: number;
  /** Short human-readable reason, shown to the officer. */
  reason: string;
  /** Same key for every mention (and spelling variant) of one person or place. */
  entityKey: string;
}

export interface DetectOptions {
  /** Extra public terms never to suggest (matched with spelling variants). */
  allow?: string[];
  /** Drop suggestions below this confidence. Default 0.5. */
  minConfidence?: number;
}
