import { AllowListEntryDto, AllowListResponse, type AddAllowListBody } from '@desk/protocol';
import { z } from 'zod';
import { api } from '$lib/api/http';

const EntryEnvelope = z.object({ entry: AllowListEntryDto });

/** The organisation allow-list (`/api/allow-list`), for safety officers and admins. */
export const fetchAllowList = (q: string, signal?: AbortSignal) =>
  api(`/api/allow-list${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`, { schema: AllowListResponse, signal });
export const addAllowTerm = (body: AddAllowListBody) => api('/api/allow-list', { method: 'POST', body, schema: EntryEnvelope });
export const removeAllowTerm = (id: string) => api(`/api/allow-list/${encodeURIComponent(id)}`, { method: 'DELETE' });
