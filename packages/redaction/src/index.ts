export { detect, DEFAULT_MIN_CONFIDENCE } from './detect.ts';
export { review } from './review.ts';
export type { DetectionWithReview, ReviewMention } from './review.ts';
export { variantKey } from './normalise.ts';
export { findOccurrences, findLeaks } from './occurrences.ts';
export type { Category, DetectedSpan, DetectOptions, QuasiSubtype } from './types.ts';
export { QUASI_SUBTYPES } from './types.ts';
export { assessRisk, riskSummary, CLASS_MODEL, type RiskAssessment, type RiskItem, type VisibleClass } from './risk.ts';
export { defaultGeneralisation, revealsOriginal, GENERALISATION_LABEL } from './generalisation.ts';
