import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import { anyValue, NASTY_STRINGS, POISON_KEYS, refusedBy, setOwn, splice, UNSTORABLE_CHARS } from './hostile.ts';
import type { RouteSpec } from './routes.ts';

export type HttpCase = { method: string; mayChange: boolean; url: string; headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer>; label: string };
export type Cookies = { admin: string; editor: string; targetUserId: string };

const CANDIDATES: unknown[] = ['someone@fuzz.desk', 'long-enough-password', 'Samir', 'en', true, 1, '2031-01-15'];

/** A plausible object for a body/query schema, then 1–2 changes that each make it invalid. */
function hostileObject(schema: z.ZodType, g: fc.GeneratorValue): { value: unknown; label: string } {
  const shape = (schema as unknown as z.ZodObject).shape as Record<string, z.ZodType> | undefined;
  if (!shape) return { value: g(() => anyValue), label: 'any' };
  const obj: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shape)) {
    const options = s instanceof z.ZodEnum ? (s.options as unknown[]) : [];
    const v = [...options, ...CANDIDATES].find((c) => s.safeParse(c).success);
    if (v !== undefined) obj[k] = v;
  }
  const labels: string[] = [];
  const n = g(fc.integer, { min: 1, max: 2 });
  for (let i = 0; i < n; i++) {
    const keys = Object.keys(shape);
    const k = keys[g(fc.integer, { min: 0, max: keys.length - 1 })] ?? 'x';
    const kind = g(fc.constantFrom, 'drop', 'extra', 'type', 'unstorable');
    const required = !(shape[k] as z.ZodType).safeParse(undefined).success;
    if (kind === 'drop' && required) {
      delete obj[k];
      labels.push('drop');
    } else if (kind === 'unstorable') {
      const cur = obj[k];
      if (typeof cur !== 'string') continue;
      obj[k] = splice(cur, g(fc.integer, { min: 0, max: cur.length }), g(fc.constantFrom, ...UNSTORABLE_CHARS));
      labels.push('unstorable');
    } else if (kind === 'type') {
      const v = refusedBy(shape[k] as z.ZodType, Array.from({ length: 12 }, () => g(() => anyValue)));
      if (v === undefined) continue;
      obj[k] = v;
      labels.push('type');
    } else {
      setOwn(obj, g(fc.constantFrom, ...POISON_KEYS), { role: 'admin' });
      labels.push('extra');
    }
  }
  if (labels.length === 0) {
    setOwn(obj, '__proto__', { role: 'admin' });
    labels.push('extra');
  }
  return { value: obj, label: labels.join('+') };
}

/** Bodies no JSON route may accept: broken syntax, bad bytes, wrong media types. */
const RAW_BODIES: [string, string | Uint8Array<ArrayBuffer>, Record<string, string>][] = [
  ['truncated-json', '{"email": "a@b.c", ', { 'content-type': 'application/json' }],
  ['json-primitive', '"just a string"', { 'content-type': 'application/json' }],
  ['json-number', '1e999', { 'content-type': 'application/json' }],
  ['deep-nesting', '['.repeat(50_000) + ']'.repeat(50_000), { 'content-type': 'application/json' }],
  ['invalid-utf8', new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xaf, 0x22, 0x7d]), { 'content-type': 'application/json' }],
  ['utf16-charset', '{"a":1}', { 'content-type': 'application/json; charset=utf-16' }],
  ['bogus-charset', '{"a":1}', { 'content-type': 'application/json; charset=x-klingon' }],
  ['form-encoded', 'email=a%40b.c&password=x&__proto__[role]=admin', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['text-plain', '{"email":"a@b.c"}', { 'content-type': 'text/plain' }],
  ['gzip-garbage', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef]), { 'content-type': 'application/json', 'content-encoding': 'gzip' }],
  ['unknown-encoding', '{"a":1}', { 'content-type': 'application/json', 'content-encoding': 'x-zip' }],
  ['proto-json', '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"isAdmin":true}}}', { 'content-type': 'application/json' }],
  ['duplicate-keys', '{"role":"editor","role":"admin","extra":1}', { 'content-type': 'application/json' }],
];

/** Lone surrogates cannot be percent-encoded; send the bytes a broken client would (CESU-8 / WTF-8). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `%ED%A0%80${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))}`;
  }
};

const hostileId = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS.filter(Boolean)).map(enc),
  fc.constant(null).map(() => randomUUID()),
  fc.constantFrom('not-a-uuid', '%E0%A4%A', '%', '..%2F..%2Fetc', '1 OR 1=1', '00000000-0000-0000-0000-00000000000g', 'x'.repeat(4_000)),
  fc.uuid().map((u) => `${u}x`),
);

export function httpCase(routes: RouteSpec[], cookies: Cookies): fc.Arbitrary<HttpCase> {
  // fc.gen() alone yields one value per array; chaining from a fresh draw gives each case its own.
  return fc.nat().chain(() => fc.gen()).map((g): HttpCase => {
    const route = g(fc.constantFrom, ...routes);
    const labels: string[] = [];
    let path = route.path;
    if (path.includes(':id')) {
      // PATCH on a real user of the fuzz scope with an invalid body must change nothing either.
      const real = route.method === 'PATCH' && route.path.startsWith('/api/users') && g(fc.boolean);
      path = path.replace(':id', real ? cookies.targetUserId : g(() => hostileId));
      labels.push(real ? 'real-id' : 'hostile-id');
    }
    if (route.query && g(fc.boolean)) {
      const q = hostileObject(route.query, g);
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q.value as Record<string, unknown>)) params.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      if (g(fc.boolean)) params.append('status', 'draft');
      path += `?${params.toString()}`;
      labels.push(`query:${q.label}`);
    }
    const headers: Record<string, string> = {};
    const who = route.anonymousOnly ? 'none' : g(fc.constantFrom, 'admin', 'admin', 'editor', 'none', 'garbage');
    if (who === 'admin') headers.cookie = cookies.admin;
    if (who === 'editor') headers.cookie = cookies.editor;
    if (who === 'garbage') headers.cookie = `desk_session=${g(fc.constantFrom, 'x'.repeat(300), '%00', 'ey.fake.jwt', randomUUID())}`;
    if (g(fc.integer, { min: 0, max: 9 }) === 0) headers.origin = g(fc.constantFrom, 'https://evil.example', 'null', 'http://127.0.0.1.evil.example');
    labels.push(who);
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (route.method !== 'GET') {
      if (route.body && g(fc.integer, { min: 0, max: 3 }) > 0) {
        const b = hostileObject(route.body, g);
        body = JSON.stringify(b.value);
        headers['content-type'] = 'application/json';
        labels.push(`body:${b.label}`);
      } else {
        const [label, raw, h] = g(fc.constantFrom, ...RAW_BODIES);
        body = raw;
        Object.assign(headers, h);
        labels.push(`raw:${label}`);
      }
    }
    return { method: route.method, mayChange: route.method === 'GET' || route.noopSuccess === true, url: path, headers, body, label: `${route.method} ${route.path} ${labels.join(' ')}` };
  });
}
