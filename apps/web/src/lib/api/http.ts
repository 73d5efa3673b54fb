import { ErrorBody, type ErrorCode } from '@desk/protocol';
import type { z } from 'zod';

/** A failed API call, carrying the server's error code so screens can explain it precisely. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;

/** The session module registers this so any 401 anywhere sends the user back to the login page. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Response schema: data from the server is checked before the UI trusts its shape. */
  schema?: S;
  signal?: AbortSignal;
  /** Login itself answers 401 for a wrong password; that must not bounce to /login. */
  skipAuthRedirect?: boolean;
}

async function readError(res: Response): Promise<ApiRequestError> {
  let code: ErrorCode | 'network' = 'internal';
  let message = `The server answered ${res.status}`;
  try {
    const parsed = ErrorBody.safeParse(await res.json());
    if (parsed.success) {
      code = parsed.data.error.code;
      message = parsed.data.error.message;
    }
  } catch {
    // Non-JSON error page (proxy, crash): keep the generic message.
  }
  return new ApiRequestError(res.status, code, message);
}

export async function api<S extends z.ZodType>(path: string, opts: RequestOptions<S> & { schema: S }): Promise<z.infer<S>>;
export async function api(path: string, opts?: RequestOptions<z.ZodType>): Promise<unknown>;
export async function api(path: string, opts: RequestOptions<z.ZodType> = {}): Promise<unknown> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  // The server refuses state changes that are not JSON: a cheap CSRF guard alongside the Origin check.
  if (method !== 'GET') headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: method === 'GET' ? undefined : JSON.stringify(opts.body ?? {}),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (res.status === 401 && !opts.skipAuthRedirect) onUnauthenticated?.();
  if (!res.ok) throw await readError(res);
  if (res.status === 204) return null;
  const json: unknown = await res.json();
  if (!opts.schema) return json;
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, 'internal', 'The server sent data this version of the app does not understand.');
  }
  return parsed.data;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiRequestError) return e.message;
  if (e instanceof Error) return e.message;
  return 'Something went wrong.';
}
