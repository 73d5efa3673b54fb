import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { ServerProcess, freePort } from '../../../../tests/faults/server-process.ts';
import { loginCookie, startTestServer, type TestServer } from '../harness.ts';
import { buildUser } from '../factories.ts';

const MB = 1024 * 1024;
const UPLOAD = 20 * MB;

/** Peak resident memory of a process so far (VmHWM), in bytes: what an upload really cost. */
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

/** Streams `bytes` of a JSON-looking body; stops as soon as the server answers or hangs up. */
function upload(url: string, path: string, cookie: string, declareLength: boolean): Promise<{ status: number | null; sent: number }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', cookie };
    if (declareLength) headers['content-length'] = String(UPLOAD);
    const req = request(url + path, { method: 'POST', headers });
    let sent = 0;
    let done = false;
    const finish = (status: number | null) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ status, sent });
    };
    req.on('response', (res) => finish(res.statusCode ?? null));
    req.on('error', () => finish(null));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    // The first chunk opens a JSON object, so only its size can be wrong; exactly UPLOAD bytes in all.
    const first = Buffer.from(chunk);
    first.write('{"title":"x","language":"en","body":"');
    const pump = () => {
      while (!done && sent < UPLOAD) {
        if (!req.write(sent === 0 ? first : chunk)) {
          sent += chunk.length;
          return void req.once('drain', pump);
        }
        sent += chunk.length;
      }
      if (!done) req.end();
    };
    pump();
  });
}

let seed: TestServer;
let node: ServerProcess;
let cookie: string;

beforeAll(async () => {
  seed = await startTestServer();
  const u = await buildUser(seed.app.ctx, { role: 'editor' });
  node = new ServerProcess(await freePort(), inject('databaseUrl'));
  await node.start();
  // The job threads load the engine after the start; wait for that, or their loading would be
  // counted as memory the uploads cost.
  await vi.waitFor(
    async () => {
      const health = (await (await fetch(`${node.url}/api/health`)).json()) as { jobs?: string };
      if (health.jobs !== 'ready') throw new Error(`job threads ${health.jobs ?? 'unknown'}`);
    },
    { timeout: 150_000, interval: 250 },
  );
  cookie = await loginCookie(node.url, u.email, u.password);
}, 240_000);
afterAll(async () => {
  await node?.stop();
  await seed?.close();
});

describe('oversized input', () => {
  it('refuses 20 MB uploads early, without buffering them', async () => {
    const pid = node.pid ?? 0;
    const before = peakRss(pid);
    const results = await Promise.all([true, true, false, false].map((declared) => upload(node.url, '/api/testimonies', cookie, declared)));
    const grown = peakRss(pid) - before;
    console.log(`oversize: 4 × 20 MB uploads → ${results.map((r) => String(r.status ?? 'closed')).join(', ')}; server peak RSS +${(grown / MB).toFixed(1)} MB`);
    for (const r of results) expect(r.status === 413 || r.status === null).toBe(true);
    // A declared 20 MB body is refused from its headers, before the body is read.
    expect(results.filter((r) => r.status === 413).length).toBeGreaterThan(0);
    // Buffering even one of the four as a string would cost 40 MB or more.
    expect(grown).toBeLessThan(32 * MB);
    expect((await fetch(`${node.url}/api/health`)).status).toBe(200);
  }, 120_000);

  it('drops a 20 MB socket message by closing that connection, and keeps serving', async () => {
    const pid = node.pid ?? 0;
    const before = peakRss(pid);
    const s = ioClient(node.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    await new Promise<void>((res, rej) => {
      s.once('connect', () => res());
      s.once('connect_error', rej);
    });
    const gone = new Promise<string>((res) => s.once('disconnect', (reason) => res(reason)));
    s.emit('comment.add', { body: 'x'.repeat(UPLOAD) });
    expect(await gone).toMatch(/transport/);
    const grown = peakRss(pid) - before;
    console.log(`oversize: 20 MB socket message → connection closed; server peak RSS +${(grown / MB).toFixed(1)} MB`);
    expect(grown).toBeLessThan(64 * MB);
    expect((await fetch(`${node.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
