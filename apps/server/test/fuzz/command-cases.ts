import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { COMMANDS, LIMITS, type CommandName } from '@desk/protocol';
import { anyValue, notAnObject, NASTY_STRINGS, POISON_KEYS, refusedBy, setOwn, splice, UNSTORABLE_CHARS } from './hostile.ts';

/** What the fixture testimony holds, so payloads can aim at real rows and real offsets. */
export type Fixture = {
  testimonyId: string;
  otherTestimonyId: string;
  redactionId: string;
  commentId: string;
  entityGroupId: string;
  userId: string;
  bodyLength: number;
  /** Index of a low surrogate in the body: an offset there splits an emoji. */
  splitIndex: number;
};

export type Case = { command: CommandName; payload: unknown; mutations: string[] };

/** Reference fields and the fixture row each points at; an unknown uuid there must be refused. */
const REFS: Record<string, keyof Fixture> = {
  testimonyId: 'testimonyId',
  redactionId: 'redactionId',
  commentId: 'commentId',
  parentId: 'commentId',
  entityGroupId: 'entityGroupId',
  assigneeId: 'userId',
};
const SPANS: [string, string][] = [
  ['start', 'end'],
  ['anchorStart', 'anchorEnd'],
];

const shapeOf = (name: CommandName) => (COMMANDS[name] as unknown as z.ZodObject).shape as Record<string, z.ZodType>;

/**
 * A plausible payload for any command, built from its schema: references point at fixture
 * rows, each other field gets the first candidate its schema accepts. Commands added later
 * are covered without touching this file.
 */
export function basePayload(name: CommandName, fx: Fixture): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shapeOf(name))) {
    if (key === 'commandId') out[key] = randomUUID();
    else if (REFS[key]) out[key] = fx[REFS[key]];
    else if (key === 'start' || key === 'anchorStart') out[key] = 4;
    else if (key === 'end' || key === 'anchorEnd') out[key] = 9;
    else {
      const enumValues = schema instanceof z.ZodEnum ? (schema.options as unknown[]) : [];
      const v = [...enumValues, 1, 0, true, 'Samir', '2031-01-15', null].find((c) => schema.safeParse(c).success);
      if (v !== undefined) out[key] = v;
    }
  }
  return out;
}

/** Draws through fast-check (`fc.gen`), so a failing case is reproducible from its seed. */
type Rnd = { nextInt: (min: number, max: number) => number; nextBoolean: () => boolean; value: () => unknown };
const rndOf = (g: fc.GeneratorValue): Rnd => ({
  nextInt: (min, max) => g(fc.integer, { min, max }),
  nextBoolean: () => g(fc.boolean),
  value: () => g(() => anyValue),
});
type Mutation = (p: Record<string, unknown>, name: CommandName, fx: Fixture, rnd: Rnd) => string | null;
const pick = <T>(rnd: Rnd, xs: T[]): T | undefined => (xs.length ? xs[rnd.nextInt(0, xs.length - 1)] : undefined);

/** Each mutation makes the payload invalid by construction (schema or server rule), or declines. */
const MUTATIONS: Mutation[] = [
  function dropRequired(p, name, _fx, rnd) {
    const required = Object.entries(shapeOf(name)).filter(([, s]) => !s.safeParse(undefined).success);
    const k = pick(rnd, required)?.[0];
    if (!k) return null;
    delete p[k];
    return `drop:${k}`;
  },
  function extraKey(p, _name, _fx, rnd) {
    const k = pick(rnd, POISON_KEYS) ?? '__proto__';
    setOwn(p, k, pick(rnd, [{ role: 'admin' }, 'admin', 1, null, { polluted: true }]));
    return `extra:${k}`;
  },
  function wrongType(p, name, _fx, rnd) {
    const entries = Object.entries(shapeOf(name));
    const [k, schema] = entries[rnd.nextInt(0, entries.length - 1)] ?? [];
    if (!k || !schema) return null;
    const v = refusedBy(schema, Array.from({ length: 12 }, () => rnd.value()));
    if (v === undefined) return null;
    p[k] = v;
    return `type:${k}`;
  },
  function unstorable(p, _name, _fx, rnd) {
    const k = pick(rnd, Object.keys(p).filter((key) => typeof p[key] === 'string' && !REFS[key] && key !== 'commandId' && key !== 'testimonyId'));
    if (!k) return null;
    const cur = p[k] as string;
    p[k] = splice(cur, rnd.nextInt(0, cur.length), pick(rnd, UNSTORABLE_CHARS) ?? '\u0000');
    return `unstorable:${k}`;
  },
  function badSpan(p, name, fx, rnd) {
    const pair = SPANS.find(([s]) => s in shapeOf(name));
    if (!pair) return null;
    const [s, e] = pair;
    const start = rnd.nextInt(1, Math.max(1, fx.bodyLength - 1));
    const variants: [string, number, number][] = [
      ['inverted', start, start - rnd.nextInt(1, start)],
      ['negative', -rnd.nextInt(1, 1e6), 3],
      ['beyond-limit', 0, LIMITS.bodyChars + rnd.nextInt(1, 1e6)],
      ['beyond-text', fx.bodyLength - 1, fx.bodyLength + rnd.nextInt(1, 10_000)],
      ['split-surrogate', fx.splitIndex, fx.splitIndex + 3],
      ['split-surrogate-end', fx.splitIndex - 4, fx.splitIndex],
      ['fraction', 1.5, 7],
    ];
    const [label, a, b] = pick(rnd, variants) ?? ['inverted', 2, 1];
    p[s] = a;
    p[e] = b;
    return `span:${label}`;
  },
  function unknownRef(p, name, _fx, rnd) {
    const keys = Object.keys(shapeOf(name)).filter((k) => REFS[k]);
    const k = pick(rnd, keys);
    if (!k) return null;
    p[k] = randomUUID();
    return `unknown:${k}`;
  },
  function otherTestimony(p, _name, fx) {
    // Rows of testimony A addressed through testimony B must not be found.
    if (!['redactionId', 'commentId', 'entityGroupId', 'parentId'].some((k) => typeof p[k] === 'string')) return null;
    p.testimonyId = fx.otherTestimonyId;
    return 'cross-testimony';
  },
];

/** Noise that is not invalid on its own: it rides along with a real mutation. */
function addNoise(p: Record<string, unknown>, rnd: Rnd): void {
  for (const k of ['reason', 'body', 'needle']) if (k in p && rnd.nextBoolean()) p[k] = pick(rnd, NASTY_STRINGS.filter(Boolean)) ?? 'x';
}

export function commandCase(names: CommandName[], fx: Fixture): fc.Arbitrary<Case> {
  return fc.tuple(fc.constantFrom(...names), fc.integer({ min: 1, max: 3 }), fc.nat({ max: 19 })).chain(([command, count, kind]) => {
    if (kind === 0) return notAnObject.map((payload): Case => ({ command, payload, mutations: ['not-an-object'] }));
    return fc.gen().map((g): Case => {
      const rnd = rndOf(g);
      const p = basePayload(command, fx);
      if (rnd.nextBoolean()) addNoise(p, rnd);
      const applied: string[] = [];
      for (let tries = 0; applied.length < count && tries < 20; tries++) {
        const label = pick(rnd, MUTATIONS)?.(p, command, fx, rnd);
        if (label) applied.push(label);
      }
      return { command, payload: p, mutations: applied };
    });
  });
}
