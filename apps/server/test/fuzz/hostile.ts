import fc from 'fast-check';
import type { z } from 'zod';
import { LIMITS } from '@desk/protocol';

/** Strings that have broken real parsers: controls, lone surrogates, bidi overrides, injections. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0007\u001b[31m\u007f',
  '\uD800',
  '\uDC00abc',
  'a\uD83D',
  '\u202Eevil\u202C',
  'A\u0301\u0301\u0301',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '{{7*7}}${7*7}',
  '../../../etc/passwd',
  '%00%2e%2e%2f',
  '00000000-0000-0000-0000-000000000000\u0000',
  'قال سمير 🕊️ Élodie 👨‍👩‍👧',
];

/**
 * Characters no stored string may hold: U+0000 (Postgres refuses it) and lone surrogates (no
 * UTF-8 form). Spliced into otherwise valid strings, so the schema is what must refuse them —
 * a refusal by type alone would never exercise this (the fuzz missed the NUL 500 that way).
 */
export const UNSTORABLE_CHARS = ['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\u0000\uD83D'];

/** `s` with one unstorable character spliced in at `at` (clamped). */
export function splice(s: string, at: number, ch: string): string {
  const i = Math.max(0, Math.min(s.length, at));
  // Never split an existing pair: that would be a second, unintended lone surrogate.
  const j = i > 0 && /[\uD800-\uDBFF]/.test(s[i - 1] ?? '') ? i - 1 : i;
  return s.slice(0, j) + ch + s.slice(j);
}

/** Keys that would poison a naive merge; they must be refused as unknown fields. */
export const POISON_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'role', 'isAdmin', 'actorId', 'seq'];

export const hugeString = (n = 30_000) => 'x'.repeat(n - 6) + '\u0000\uD800🕊️';

/** Values of every JSON type (and a few shapes), some large; filtered per field to the ones it must refuse. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, LIMITS.bodyChars + 1, {}, [], { $gt: '' }, { __proto__: null }),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constant(null).map(() => hugeString()),
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.array(fc.constantFrom<unknown>('a', 1, null, {}), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.constantFrom<unknown>(1, 'x', null), { maxKeys: 4 }),
);

/** What a transport does to a value: JSON turns NaN/Infinity into null, drops undefined. */
export const wire = <T>(v: T): unknown => JSON.parse(JSON.stringify(v) ?? 'null');

/** A value this field's schema refuses (after the wire), or undefined if none was found. */
export function refusedBy(schema: z.ZodType, candidates: unknown[]): unknown {
  return candidates.find((v) => v !== undefined && !schema.safeParse(wire(v)).success);
}

/** Sets an own key even for `__proto__`, as JSON.parse on the server would produce it. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
}

export const notAnObject: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  0,
  'payload',
  [],
  [1, 2, 3],
  true,
  hugeString(20_000),
  Array.from({ length: 5_000 }, () => ({})),
);

/** What no response may ever reveal: stack frames, SQL, driver messages, file paths. */
export const LEAK = /\bat [\w.<>]+ \(|\.ts:\d+|node_modules|SELECT |INSERT |UPDATE |violates|relation "|syntax error at|duplicate key|pg_|ECONNREFUSED/;
