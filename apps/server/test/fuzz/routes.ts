import type { z } from 'zod';
import { AddAllowListBody, AllowListQuery, AuditQuery, CreateTestimonyBody, CreateUserBody, ExportQuery, LoginBody, TestimonyListQuery, UpdateUserBody } from '@desk/protocol';

/**
 * Every REST route the fuzzer and the hardening tests exercise, in one place. Add a line
 * when a route lands; routes not served yet answer a typed 404 and are still fuzzed.
 *  - `body`/`query`: the protocol schema, so hostile payloads can be derived from its shape;
 *  - `:id` is replaced by hostile or unknown ids (never an existing row: a GET of a real
 *    testimony is a recorded view, a legitimate change the fuzz must not cause);
 *  - `anonymousOnly`: fuzzed without the session cookie (logout would end the fuzzer's session);
 *  - `noopSuccess`: may answer 2xx to a non-GET because it then changes nothing (the state
 *    hash still proves it).
 */
export type RouteSpec = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  anonymousOnly?: boolean;
  noopSuccess?: boolean;
};

export const ROUTES: RouteSpec[] = [
  { method: 'GET', path: '/api/health' },
  { method: 'POST', path: '/api/auth/login', body: LoginBody },
  { method: 'POST', path: '/api/auth/logout', anonymousOnly: true, noopSuccess: true },
  { method: 'GET', path: '/api/auth/me' },
  { method: 'GET', path: '/api/users' },
  { method: 'POST', path: '/api/users', body: CreateUserBody },
  { method: 'PATCH', path: '/api/users/:id', body: UpdateUserBody },
  { method: 'GET', path: '/api/testimonies', query: TestimonyListQuery },
  { method: 'POST', path: '/api/testimonies', body: CreateTestimonyBody },
  { method: 'GET', path: '/api/testimonies/:id' },
  { method: 'GET', path: '/api/testimonies/:id/export', query: ExportQuery },
  { method: 'GET', path: '/api/audit', query: AuditQuery },
  { method: 'GET', path: '/api/dashboard' },
  { method: 'GET', path: '/api/allow-list', query: AllowListQuery },
  { method: 'POST', path: '/api/allow-list', body: AddAllowListBody },
  { method: 'DELETE', path: '/api/allow-list/:id' },
  { method: 'DELETE', path: '/api/testimonies/:id' },
  { method: 'PUT', path: '/api/users/:id' },
];
