import { ErrorBody, type ExportFormat, type LeakFindingDto, type ReplacementMode } from '@desk/protocol';
import { leakFindings } from './findings';

export type ExportOutcome = { ok: true; filename: string; sha256: string | null } | { ok: false; message: string; findings: LeakFindingDto[] };

/**
 * Fetches one export and hands it to the browser as a download. The file is produced and
 * checked by the server (leak gate, audit with sha256); this only saves the bytes.
 */
export async function downloadExport(testimonyId: string, format: ExportFormat, mode: ReplacementMode): Promise<ExportOutcome> {
  const url = `/api/testimonies/${encodeURIComponent(testimonyId)}/export?format=${format}&mode=${mode}`;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return { ok: false, message: 'Cannot reach the server.', findings: [] };
  }
  if (!res.ok) {
    const body = ErrorBody.safeParse(await res.json().catch(() => null));
    if (!body.success) return { ok: false, message: `The server answered ${res.status}`, findings: [] };
    return { ok: false, message: body.data.error.message, findings: leakFindings(body.data.error.details) };
  }
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `export.${format}`;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return { ok: true, filename, sha256: res.headers.get('x-content-sha256') };
}
