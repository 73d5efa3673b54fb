export { detect, DEFAULT_MIN_CONFIDENCE } from './detect.ts';
export { variantKey } from './normalise.ts';
export { findOccurrences, findLeaks } from './occurrences.ts';
export type { Category, DetectedSpan, DetectOptions } from './types.ts';
