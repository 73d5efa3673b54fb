import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@desk/protocol';
import { createDb } from '@desk/db';
import { loadConfig } from '../src/config.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { createApp, type App } from '../src/app.ts';
import { jobs } from '../src/workers/pool.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type TestServer = { app: App; url: string; close: () => Promise<void> };

/** A real server (Express + Socket.IO + Postgres) on a random port, without the web build. */
export async function startTestServer(env: Record<string, string> = {}, opts: { logger?: Logger } = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', DESK_LOGIN_RATE_PER_MIN: '1000', ...env });
  const db = createDb(inject('databaseUrl'), { max: 5 });
  const app = await createApp({ config, logger: opts.logger ?? createLogger('silent'), db, serveWeb: false });
  await new Promise<void>((res) => app.http.listen(0, '127.0.0.1', () => res()));
  // Job threads load once per test process; a test's own timeout should not pay for that.
  await jobs(app.ctx).warm();
  const { port } = app.http.address() as AddressInfo;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

export async function api(base: string, path: string, init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(base + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json: json as Record<string, unknown> & { error?: { code: string; message: string } }, headers: res.headers };
}

/** Signs in over HTTP and returns the session cookie header value. */
export async function loginCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(base + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

export async function connectSocket(base: string, cookie: string): Promise<ClientSocket> {
  const s: ClientSocket = ioClient(base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((res, rej) => {
    s.once('connect', () => res());
    s.once('connect_error', (e) => rej(e));
  });
  return s;
}

export function emitAck<T>(s: ClientSocket, event: string, payload: unknown): Promise<T> {
  return (s.timeout(10_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<T> }).emitWithAck(event, payload);
}
