import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { DashboardResponse } from '@desk/protocol';
import { api, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildUser, type BuiltUser } from './factories.ts';
import { callerOf, reviewedTestimony } from './pipeline-helpers.ts';
import { submitApproval } from '../src/commands/approvals.commands.ts';
import { assignTestimony } from '../src/commands/assignment.commands.ts';

let srv: TestServer;
let editor: BuiltUser;
let safety: BuiltUser;
let admin: BuiltUser;

beforeAll(async () => {
  srv = await startTestServer();
  [editor, safety, admin] = await Promise.all([
    buildUser(srv.app.ctx, { role: 'editor', name: 'Dash Editor' }),
    buildUser(srv.app.ctx, { role: 'safety_officer' }),
    buildUser(srv.app.ctx, { role: 'admin' }),
  ]);
});
afterAll(() => srv.close());

const dashboard = async (u: BuiltUser) => api(srv.url, '/api/dashboard', { cookie: await loginCookie(srv.url, u.email, u.password) });

describe('GET /api/dashboard', () => {
  it('shows counts, throughput, stage times, workload with overdue items and open suggestions', async () => {
    const before = (await dashboard(admin)).json as unknown as DashboardResponse;
    const a = await reviewedTestimony(srv.app.ctx, editor);
    await submitApproval(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: a.id, kind: 'editorial', version: a.version });
    await submitApproval(srv.app.ctx, callerOf(safety), { commandId: randomUUID(), testimonyId: a.id, kind: 'safety', version: a.version });
    const b = await reviewedTestimony(srv.app.ctx, editor, { leaveSuggestion: true });
    await assignTestimony(srv.app.ctx, callerOf(admin), { commandId: randomUUID(), testimonyId: b.id, assigneeId: editor.id, dueDate: '2020-01-01' });

    const res = await dashboard(admin);
    expect(res.status).toBe(200);
    const d = res.json as unknown as DashboardResponse;
    // Other test files share the database, so global figures are compared as lower bounds.
    expect(d.countsByStatus.approved - before.countsByStatus.approved).toBeGreaterThanOrEqual(1);
    expect(d.countsByStatus.in_review).toBeGreaterThanOrEqual(1);
    const week = d.throughput.at(-1);
    expect(week && week.created - (before.throughput.at(-1)?.created ?? 0)).toBeGreaterThanOrEqual(2);
    expect(week && week.approved - (before.throughput.at(-1)?.approved ?? 0)).toBeGreaterThanOrEqual(1);
    expect(d.stageTimes.in_review.count).toBeGreaterThanOrEqual(1);
    expect(d.stageTimes.draft.medianHours).not.toBeNull();
    expect(d.workload.find((w) => w.user.id === editor.id)).toMatchObject({ user: { name: 'Dash Editor' }, open: 1, overdue: 1 });
    // The list is the 20 testimonies with the most open suggestions, busiest first; other test
    // files' testimonies may crowd out `b` (one suggestion) once it is full.
    const list = d.openSuggestions.testimonies;
    expect(list.map((t) => t.openSuggestions)).toEqual([...list.map((t) => t.openSuggestions)].sort((x, y) => y - x));
    if (list.length < 20) expect(list.find((t) => t.id === b.id)).toMatchObject({ openSuggestions: 1, status: 'in_review' });
    expect(d.openSuggestions.total).toBeGreaterThanOrEqual(1);
  });

  it('is for admins and safety officers only', async () => {
    expect((await dashboard(safety)).status).toBe(200);
    expect((await dashboard(editor)).status).toBe(403);
  });
});
