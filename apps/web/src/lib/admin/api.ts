import {
  AuditListResponse,
  DashboardResponse,
  UserDto,
  UserListResponse,
  type AuditQuery,
  type CreateUserBody,
  type UpdateUserBody,
} from '@desk/protocol';
import { z } from 'zod';
import { api } from '$lib/api/http';

const UserEnvelope = z.object({ user: UserDto });

export const fetchDashboard = (signal?: AbortSignal) => api('/api/dashboard', { schema: DashboardResponse, signal });

/** Only the filters that are set go into the query string. */
export function fetchAudit(q: Partial<AuditQuery>, signal?: AbortSignal) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return api(`/api/audit?${params}`, { schema: AuditListResponse, signal });
}

export const fetchUsers = () => api('/api/users', { schema: UserListResponse });
export const createUser = (body: CreateUserBody) => api('/api/users', { method: 'POST', body, schema: UserEnvelope });
export const updateUser = (id: string, body: UpdateUserBody) => api(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body, schema: UserEnvelope });
