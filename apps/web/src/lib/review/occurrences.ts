/**
 * Occurrence finder for "redact all". The preview count must equal what the server's redact-all
 * will touch, so this is the very matcher the server runs (the `@desk/redaction/occurrences` export: variant
 * keys, word boundaries, Arabic proclitics; pure, unlike the package root, whose detector loads data with node:fs). Only `spellings` is local, for the preview's breakdown.
 */
export { findOccurrences } from '@desk/redaction/occurrences';

/** Distinct spellings among occurrences, most frequent first. */
export function spellings(occ: readonly { text: string }[]): { text: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of occ) counts.set(o.text, (counts.get(o.text) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
