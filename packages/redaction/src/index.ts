import { gazetteerAliases } from './aliases.ts';
import * as occurrences from './occurrences.ts';
import * as variants from './variants.ts';

export { detect, DEFAULT_MIN_CONFIDENCE } from './detect.ts';
export { review } from './review.ts';
export type { DetectionWithReview, ReviewMention } from './review.ts';
export { variantKey } from './normalise.ts';
export type { Category, DetectedSpan, DetectOptions, QuasiSubtype } from './types.ts';
export { QUASI_SUBTYPES } from './types.ts';
export { assessRisk, riskSummary, CLASS_MODEL, type RiskAssessment, type RiskItem, type VisibleClass } from './risk.ts';
export { defaultGeneralisation, revealsOriginal, GENERALISATION_LABEL } from './generalisation.ts';
export type { Occurrence, Leak } from './occurrences.ts';
export type { AliasLookup, VariantHit } from './variants.ts';
export { gazetteerAliases };

/*
 * The one variant matcher (variants.ts), bound to the gazetteer's place aliases. Pass another lookup
 * (or none) to change that; the browser imports occurrences.ts / variants.ts directly.
 */
export const variantsMatch = (a: string, b: string, aliases: variants.AliasLookup | undefined = gazetteerAliases): boolean =>
  variants.variantsMatch(a, b, aliases);
export const groupVariants = (strings: readonly string[], aliases: variants.AliasLookup | undefined = gazetteerAliases): number[] =>
  variants.groupVariants(strings, aliases);
export const findVariants = (text: string, needles: string | readonly string[], aliases: variants.AliasLookup | undefined = gazetteerAliases): variants.VariantHit[] =>
  variants.findVariants(text, needles, aliases);
export const findOccurrences = (text: string, needle: string, aliases: variants.AliasLookup | undefined = gazetteerAliases): occurrences.Occurrence[] =>
  occurrences.findOccurrences(text, needle, aliases);
export const findLeaks = (text: string, secrets: readonly string[], aliases: variants.AliasLookup | undefined = gazetteerAliases): occurrences.Leak[] =>
  occurrences.findLeaks(text, secrets, aliases);
