import { z } from 'zod';

/**
 * Characters a stored string may not hold. PostgreSQL refuses U+0000 in `text` and `jsonb`
 * (the insert fails), and a lone UTF-16 surrogate has no UTF-8 form (it would be stored as
 * U+FFFD, so the body would no longer be kept exactly as sent). Refused at the door with a
 * typed `bad_request` naming the field and the character's position.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Index of the first character that cannot be stored, or -1. */
export const unstorableAt = (s: string): number => s.search(UNSTORABLE);

/** Removes what cannot be stored (imports: text extracted from PDF/DOCX can carry NULs). */
export const stripUnstorable = (s: string): { text: string; removed: number } => {
  const text = s.replace(new RegExp(UNSTORABLE.source, 'g'), '');
  return { text, removed: s.length - text.length };
};

/** A string field of a request: any text except what Postgres or UTF-8 cannot hold. */
export const text = () =>
  z.string().check((ctx) => {
    const at = unstorableAt(ctx.value);
    if (at < 0) return;
    const what = ctx.value[at] === '\u0000' ? 'U+0000 (NUL)' : 'a lone surrogate (half of an emoji or other non-BMP character)';
    ctx.issues.push({ code: 'custom', message: `Contains ${what} at index ${at}, which cannot be stored`, input: ctx.value });
  });
