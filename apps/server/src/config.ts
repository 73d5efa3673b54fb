import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DESK_DATA_DIR: z.string().default('.data'),
  DESK_DEMO: z.enum(['0', '1']).default('1'),
  DESK_SESSION_HOURS: z.coerce.number().positive().default(12),
  /** Comma-separated extra origins allowed to talk to the API and socket (e.g. the Vite dev server). */
  DESK_ALLOWED_ORIGINS: z.string().default(''),
  DESK_COOKIE_SECURE: z.enum(['auto', '0', '1']).default('auto'),
  DESK_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  DESK_LOGIN_RATE_PER_MIN: z.coerce.number().int().min(1).default(20),
  DESK_WEB_BUILD: z.string().optional(),
  DESK_REALTIME_ADAPTER: z.enum(['auto', 'postgres', 'none']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  sessionTtlMs: number;
  allowedOrigins: string[];
  cookieSecure: 'auto' | boolean;
  loginMaxAttempts: number;
  loginRatePerMinute: number;
  webBuildDir: string | undefined;
  adapter: 'auto' | 'postgres' | 'none';
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: e.DESK_DATA_DIR,
    demo: e.DESK_DEMO === '1',
    sessionTtlMs: e.DESK_SESSION_HOURS * 3_600_000,
    allowedOrigins: e.DESK_ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    cookieSecure: e.DESK_COOKIE_SECURE === 'auto' ? 'auto' : e.DESK_COOKIE_SECURE === '1',
    loginMaxAttempts: e.DESK_LOGIN_MAX_ATTEMPTS,
    loginRatePerMinute: e.DESK_LOGIN_RATE_PER_MIN,
    webBuildDir: e.DESK_WEB_BUILD,
    adapter: e.DESK_REALTIME_ADAPTER,
    logLevel: e.LOG_LEVEL,
  };
}
