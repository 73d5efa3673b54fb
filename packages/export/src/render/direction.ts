import bidiFactory from 'bidi-js';

export const bidi = bidiFactory();

/** Paragraph direction by the first strong character (UAX #9 rules P2–P3). */
export function isRtlParagraph(text: string): boolean {
  if (!text) return false;
  const { paragraphs } = bidi.getEmbeddingLevels(text);
  return (paragraphs[0]?.level ?? 0) % 2 === 1;
}
