import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildTestimony, buildUser } from './factories.ts';
import { jobs } from '../src/workers/pool.ts';

// One thread and room for one waiting job, so the third concurrent job must be refused.
let srv: TestServer;
let cookie: string;
let bigId: string;

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A long testimony (Arabic, accents and emoji included): its PDF takes the job thread for a while. */
function bigBody(chars: number): string {
  const para = 'Nadia crossed the river at dawn — she said “the water was cold” — قالت إن الماء كان بارداً 🌊. Élodie waited. ';
  return Array.from({ length: Math.ceil(chars / para.length) }, (_, i) => (i % 8 === 7 ? para + '\n\n' : para)).join('').slice(0, chars);
}

beforeAll(async () => {
  srv = await startTestServer({ DESK_JOB_THREADS: '1', DESK_JOB_QUEUE: '1' });
  const admin = await buildUser(srv.app.ctx, { role: 'admin' });
  cookie = await loginCookie(srv.url, admin.email, admin.password);
  bigId = (await buildTestimony(srv.app.ctx, { body: bigBody(30_000) })).id;
}, 300_000);
afterAll(() => srv.close());

describe('heavy work runs on job threads', () => {
  it('answers /api/health while a big export renders, and refuses a job beyond the queue with busy (503)', async () => {
    const pool = jobs(srv.app.ctx);
    const exportAs = (format: string) => api(srv.url, `/api/testimonies/${bigId}/export?format=${format}`, { cookie });
    const first = exportAs('pdf');
    await until(() => pool.pending === 1, 'the first export to reach the pool');

    const health = await api(srv.url, '/api/health');
    expect(health.status).toBe(200);
    // Answered while the export was still on the job thread: the event loop was free.
    expect(pool.pending).toBe(1);

    const second = exportAs('txt');
    await until(() => pool.pending === 2, 'the second export to queue');
    const third = await exportAs('txt');
    expect(third.status).toBe(503);
    expect(third.json.error?.code).toBe('busy');
    expect(third.headers.get('retry-after')).toBe('5');
    expect(pool.pending).toBe(2);

    // The accepted ones finish normally.
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const after = await exportAs('txt');
    expect(after.status).toBe(200);
  }, 300_000);
});
