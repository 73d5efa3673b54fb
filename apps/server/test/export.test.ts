import type { LeakFindingDto } from '@desk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { extract, EXPORT_FORMATS, REPLACEMENT_MODES } from '@desk/export';
import { findOccurrences } from '@desk/redaction';
import { api, loginCookie, startTestServer, type TestServer } from './harness.ts';
import { buildUser, type BuiltUser } from './factories.ts';
import { callerOf, reviewedTestimony } from './pipeline-helpers.ts';
import { submitApproval } from '../src/commands/approvals.commands.ts';
import { listAuditEvents } from '../src/repo/audit-query.repo.ts';

let srv: TestServer;
let editor: BuiltUser;
let safety: BuiltUser;
let admin: BuiltUser;
let cookies: Record<'editor' | 'safety' | 'admin', string>;

async function download(cookie: string, id: string, format: string, mode = 'label') {
  const res = await fetch(`${srv.url}/api/testimonies/${id}/export?format=${format}&mode=${mode}`, { headers: { cookie } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  srv = await startTestServer();
  [editor, safety, admin] = await Promise.all([
    buildUser(srv.app.ctx, { role: 'editor', name: 'Edith Editor' }),
    buildUser(srv.app.ctx, { role: 'safety_officer', name: 'Sara Safety' }),
    buildUser(srv.app.ctx, { role: 'admin', name: 'Ada Admin' }),
  ]);
  cookies = {
    editor: await loginCookie(srv.url, editor.email, editor.password),
    safety: await loginCookie(srv.url, safety.email, safety.password),
    admin: await loginCookie(srv.url, admin.email, admin.password),
  };
});
afterAll(() => srv.close());

describe('exports', () => {
  it('exports an approved testimony in every format and mode without any redacted string, each recorded with its sha256', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    await submitApproval(srv.app.ctx, callerOf(editor), { commandId: randomUUID(), testimonyId: t.id, kind: 'editorial', version: t.version });
    await submitApproval(srv.app.ctx, callerOf(safety), { commandId: randomUUID(), testimonyId: t.id, kind: 'safety', version: t.version });
    const hashes: string[] = [];
    for (const format of EXPORT_FORMATS) {
      for (const mode of REPLACEMENT_MODES) {
        const { res, bytes } = await download(cookies.editor, t.id, format, mode);
        expect(res.status, `${format}/${mode}`).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="testimony-T-[0-9a-f]{8}-v${t.version}\\.${format}"`));
        const sha = createHash('sha256').update(bytes).digest('hex');
        expect(res.headers.get('x-content-sha256')).toBe(sha);
        hashes.push(sha);
        const { text, metadata } = await extract(format, bytes);
        for (const secret of ['Samir Haddad', 'سمير']) {
          expect(text.includes(secret) || findOccurrences(text, secret).length > 0, `${format}/${mode} ${secret}`).toBe(false);
          expect(metadata.includes(secret)).toBe(false);
        }
        expect(metadata).not.toMatch(/Edith|Sara|Ada/);
      }
    }
    const audited = await listAuditEvents(srv.app.ctx.db, { testimonyId: t.id, type: 'export.created', limit: 100 });
    expect(audited.map((e) => (e.payload as { sha256: string }).sha256).sort()).toEqual([...hashes].sort());
    expect(audited.every((e) => e.actorId === editor.id && (e.payload as { draft: boolean }).draft === false)).toBe(true);
  }, 120_000); // every format × mode rendered and leak-checked: slow on a loaded 2-core machine

  it('refuses an unapproved export to an editor and gives an admin a visibly marked DRAFT', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    const denied = await download(cookies.editor, t.id, 'txt');
    expect(denied.res.status).toBe(403);
    const draft = await download(cookies.admin, t.id, 'txt');
    expect(draft.res.status).toBe(200);
    expect(new TextDecoder().decode(draft.bytes)).toMatch(/^DRAFT — NOT APPROVED FOR PUBLICATION/);
    expect(draft.res.headers.get('content-disposition')).toMatch(/-DRAFT\.txt"/);
    const [ev] = await listAuditEvents(srv.app.ctx.db, { testimonyId: t.id, type: 'export.created', limit: 1 });
    expect(ev?.payload).toMatchObject({ format: 'txt', mode: 'label', draft: true });
  });

  it('blocks an export where a variant spelling of a redacted name is still visible, points at it, and echoes no secret', async () => {
    const body = 'The witness Samir Haddad hid in the barn.\nLater, Sameer Hadad crossed the border at night.';
    const t = await reviewedTestimony(srv.app.ctx, editor, { body, redact: [{ needle: 'Samir Haddad' }] });
    for (const format of ['txt', 'docx', 'pdf']) {
      const { res, bytes } = await download(cookies.admin, t.id, format);
      expect(res.status, format).toBe(422);
      const text = new TextDecoder().decode(bytes);
      const err = (JSON.parse(text) as { error: { code: string; details: { findings: LeakFindingDto[] } } }).error;
      expect(err.code).toBe('leak_detected');
      expect(err.details.findings).toEqual([
        { start: body.indexOf('Sameer'), end: body.indexOf('Sameer') + 12, paragraph: 2, text: 'Sameer Hadad', category: 'person', match: 'variant', formats: [format], part: 'text', line: null, column: null },
      ]);
      expect(text).not.toMatch(/Samir|Haddad/);
    }
    expect(await listAuditEvents(srv.app.ctx.db, { testimonyId: t.id, type: 'export.created', limit: 1 })).toEqual([]);
  });

  it('validates the query', async () => {
    const t = await reviewedTestimony(srv.app.ctx, editor);
    expect((await download(cookies.admin, t.id, 'exe')).res.status).toBe(400);
    expect((await api(srv.url, `/api/testimonies/${t.id}/export?format=txt&mode=blur`, { cookie: cookies.admin })).status).toBe(400);
    expect((await api(srv.url, `/api/testimonies/${randomUUID()}/export?format=txt`, { cookie: cookies.admin })).status).toBe(404);
    expect((await api(srv.url, `/api/testimonies/${t.id}/export?format=txt`)).status).toBe(401);
  });
});
