import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

const count = (min: number) => z.coerce.number().int().min(min);
const rate = z.coerce.number().positive().finite();

/** One origin (`scheme://host[:port]`), as a browser sends it in `Origin`. */
const origin = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'must be an origin such as https://desk.example.org (scheme and host, no path)')
  .transform((s) => new URL(s).origin);

/**
 * Express `trust proxy` values we accept: a hop count, a named range, or addresses/CIDRs.
 * `true` (trust everything) is refused on purpose: it lets any caller forge its address.
 */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const trustProxy = z
  .string()
  .trim()
  .refine((s) => {
    if (/^\d+$/.test(s)) return true;
    return s.split(',').every((part) => {
      const p = part.trim();
      if (NAMED_RANGES.has(p)) return true;
      const [ip, bits, ...rest] = p.split('/');
      if (rest.length || !ip || isIP(ip) === 0) return false;
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
    });
  }, 'must be a hop count, loopback/linklocal/uniquelocal, or comma-separated addresses/CIDRs')
  .transform((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** One core stays with the event loop; at most four job threads. */
const defaultThreads = () => Math.max(1, Math.min(4, availableParallelism() - 1));

const Env = z.object({
  PORT: count(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DESK_DATA_DIR: z.string().default('.data'),
  DESK_DEMO: z.enum(['0', '1']).default('1'),
  DESK_SESSION_HOURS: rate.default(12),
  /** How stale a socket's view of its session may get before a command re-reads it. */
  DESK_SESSION_CHECK_SECONDS: z.coerce.number().min(0).finite().default(5),
  /** The address users open; its origin is the one allowed to change state. */
  DESK_PUBLIC_URL: origin.optional(),
  /** Comma-separated extra origins allowed to talk to the API and socket (e.g. the Vite dev server). */
  DESK_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(origin)),
  DESK_TRUST_PROXY: trustProxy.optional(),
  DESK_COOKIE_SECURE: z.enum(['auto', '0', '1']).default('auto'),
  DESK_LOGIN_MAX_ATTEMPTS: count(1).default(10),
  DESK_LOGIN_RATE_PER_MIN: count(1).default(20),
  DESK_SOCKET_RATE: rate.default(30),
  DESK_SOCKET_BURST: count(1).default(60),
  DESK_MAX_SOCKETS_PER_SESSION: count(1).default(20),
  DESK_WEB_BUILD: z.string().optional(),
  DESK_REALTIME_ADAPTER: z.enum(['auto', 'postgres', 'none']).default('auto'),
  /** Worker threads for detection, export rendering, the leak gate and "Redact all" (0 = cores − 1, at most 4). */
  DESK_JOB_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /** Jobs that may wait for a thread; one more is refused with `busy` (HTTP 503). */
  DESK_JOB_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  sessionTtlMs: number;
  sessionCheckMs: number;
  /** Origins allowed to change state and open sockets; empty means "the request's own host". */
  publicOrigins: string[];
  trustProxy: number | string | false;
  cookieSecure: 'auto' | boolean;
  loginMaxAttempts: number;
  loginRatePerMinute: number;
  /** Commands per second per user, both doors (sustained / burst). */
  commandRate: number;
  commandBurst: number;
  maxSocketsPerSession: number;
  webBuildDir: string | undefined;
  adapter: 'auto' | 'postgres' | 'none';
  jobs: { threads: number; queue: number };
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
};

/** A configuration the desk refuses to start with; the message names every bad variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "unset" (`FOO= npm start`), not zero or the empty origin.
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in Env.shape && v !== undefined && v !== ''));
  const r = Env.safeParse(present);
  if (!r.success) {
    const lines = r.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      // Echo the value only for our own short settings; DATABASE_URL may carry a password.
      const value = key.startsWith('DESK_') || key === 'PORT' || key === 'LOG_LEVEL' ? ` (got ${JSON.stringify(present[key])})` : '';
      return `  ${key}: ${i.message}${value}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DESK_DATA_DIR,
    demo: e.DESK_DEMO === '1',
    sessionTtlMs: e.DESK_SESSION_HOURS * 3_600_000,
    sessionCheckMs: e.DESK_SESSION_CHECK_SECONDS * 1000,
    publicOrigins: [...new Set([...(e.DESK_PUBLIC_URL ? [e.DESK_PUBLIC_URL] : []), ...e.DESK_ALLOWED_ORIGINS])],
    trustProxy: e.DESK_TRUST_PROXY ?? false,
    cookieSecure: e.DESK_COOKIE_SECURE === 'auto' ? 'auto' : e.DESK_COOKIE_SECURE === '1',
    loginMaxAttempts: e.DESK_LOGIN_MAX_ATTEMPTS,
    loginRatePerMinute: e.DESK_LOGIN_RATE_PER_MIN,
    commandRate: e.DESK_SOCKET_RATE,
    commandBurst: e.DESK_SOCKET_BURST,
    maxSocketsPerSession: e.DESK_MAX_SOCKETS_PER_SESSION,
    webBuildDir: e.DESK_WEB_BUILD,
    adapter: e.DESK_REALTIME_ADAPTER,
    jobs: { threads: e.DESK_JOB_THREADS || defaultThreads(), queue: e.DESK_JOB_QUEUE },
    logLevel: e.LOG_LEVEL,
  };
}
