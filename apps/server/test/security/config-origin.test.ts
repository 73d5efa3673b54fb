import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { api, startTestServer } from '../harness.ts';

describe('configuration is validated before anything starts', () => {
  it.each([
    ['DESK_SOCKET_RATE', 'abc'],
    ['DESK_SOCKET_BURST', '1.5'],
    ['DESK_TRUST_PROXY', 'true'],
    ['DESK_PUBLIC_URL', 'desk.example.org'],
    ['DESK_ALLOWED_ORIGINS', 'http://localhost:5173/app'],
    ['DESK_MAX_SOCKETS_PER_SESSION', '0'],
    ['PORT', '70000'],
  ])('refuses %s=%s with a message naming it', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(`${key}: .*got "${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DESK_SOCKET_RATE: '', PORT: '' })).toMatchObject({ commandRate: 30, port: 3000 });
  });

  it('stops `npm start` with the cause on stderr and a non-zero exit', () => {
    const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH, DESK_SOCKET_RATE: 'abc', DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 55_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/failed to start: invalid configuration — DESK_SOCKET_RATE: .*"abc"/);
    expect(r.stdout).toBe('');
  }, 60_000);
});

/** A raw request, so the Host header can be what a rebinding page would send. */
function post(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ email: 'nobody@test.desk', password: 'whatever-password' }));
  });
}

describe('origin check compares the whole origin', () => {
  it('without DESK_PUBLIC_URL: own origin by address only; other schemes and rebound names refused', async () => {
    const srv = await startTestServer();
    try {
      const { host } = new URL(srv.url);
      expect(await post(srv.url, { origin: srv.url })).toBe(401);
      expect(await post(srv.url, { origin: `https://${host}` })).toBe(403);
      // DNS rebinding: the attacker's name now resolves to the desk; Origin and Host agree.
      const port = new URL(srv.url).port;
      expect(await post(srv.url, { origin: `http://rebind.example:${port}`, host: `rebind.example:${port}` })).toBe(403);
      expect(await post(srv.url, {})).toBe(401);
    } finally {
      await srv.close();
    }
  });

  it('with DESK_PUBLIC_URL and DESK_ALLOWED_ORIGINS: exactly those origins', async () => {
    const srv = await startTestServer({ DESK_PUBLIC_URL: 'https://desk.example.org', DESK_ALLOWED_ORIGINS: 'http://localhost:5173' });
    try {
      expect(await post(srv.url, { origin: 'https://desk.example.org', host: 'desk.example.org' })).toBe(401);
      expect(await post(srv.url, { origin: 'http://localhost:5173' })).toBe(401);
      expect(await post(srv.url, { origin: 'http://desk.example.org', host: 'desk.example.org' })).toBe(403);
      expect(await post(srv.url, { origin: 'https://desk.example.org:8443', host: 'desk.example.org:8443' })).toBe(403);
      // Its own address is not a public origin once one is configured.
      expect(await post(srv.url, { origin: srv.url })).toBe(403);
    } finally {
      await srv.close();
    }
  });
});

describe('X-Forwarded-For is trusted only from a configured proxy', () => {
  const attempts = (url: string) =>
    Promise.all(
      ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5'].map((ip) =>
        api(url, '/api/auth/login', { body: { email: 'nobody@test.desk', password: 'whatever-password' }, headers: { 'x-forwarded-for': ip } }),
      ),
    );

  it('by default a forged address does not buy a fresh login budget', async () => {
    const srv = await startTestServer({ DESK_LOGIN_RATE_PER_MIN: '3' });
    try {
      const statuses = (await attempts(srv.url)).map((r) => r.status).sort();
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await srv.close();
    }
  });

  it('with DESK_TRUST_PROXY=loopback each forwarded client has its own budget', async () => {
    const srv = await startTestServer({ DESK_LOGIN_RATE_PER_MIN: '3', DESK_TRUST_PROXY: 'loopback' });
    try {
      const statuses = (await attempts(srv.url)).map((r) => r.status);
      expect(statuses).toEqual([401, 401, 401, 401, 401]);
    } finally {
      await srv.close();
    }
  });
});
