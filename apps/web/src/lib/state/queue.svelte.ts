import {
  TestimonyListResponse,
  type QueueViewer,
  type TestimonyStatus,
  type TestimonySummary,
} from '@desk/protocol';
import { api, errorMessage } from '$lib/api/http';
import { session } from '$lib/state/session.svelte';
import { getSocket } from '$lib/state/socket';

export type SortKey = 'updatedAt' | 'dueDate' | 'title' | 'status' | 'openSuggestions' | 'language';

export interface QueueFilters {
  status: TestimonyStatus | '';
  mine: boolean;
  language: string;
  q: string;
}

function compare(a: TestimonySummary, b: TestimonySummary, key: SortKey): number {
  switch (key) {
    case 'openSuggestions':
      return a.openSuggestions - b.openSuggestions;
    case 'dueDate':
      // Undated work sorts after dated work in ascending order: deadlines first.
      if (a.dueDate === b.dueDate) return 0;
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    default: {
      const x = a[key];
      const y = b[key];
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

class QueueStore {
  filters = $state<QueueFilters>({ status: '', mine: false, language: '', q: '' });
  sortKey = $state<SortKey>('updatedAt');
  sortDir = $state<'asc' | 'desc'>('desc');
  items = $state.raw<TestimonySummary[]>([]);
  viewers = $state.raw<Record<string, QueueViewer[]>>({});
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Ids that changed live recently, so the row can briefly show it was updated. */
  recentlyChanged = $state.raw<ReadonlySet<string>>(new Set());

  #abort: AbortController | null = null;

  sorted = $derived.by(() => {
    const dir = this.sortDir === 'asc' ? 1 : -1;
    const key = this.sortKey;
    return [...this.items].sort((a, b) => compare(a, b, key) * dir || (a.updatedAt < b.updatedAt ? 1 : -1));
  });

  languages = $derived([...new Set(this.items.map((t) => t.language))].sort());

  async load(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const params = new URLSearchParams();
    const f = this.filters;
    if (f.status) params.set('status', f.status);
    if (f.mine) params.set('assignee', 'me');
    if (f.language.trim()) params.set('language', f.language.trim());
    if (f.q.trim()) params.set('q', f.q.trim());
    this.loading = true;
    this.error = null;
    try {
      const qs = params.toString();
      const res = await api(`/api/testimonies${qs ? `?${qs}` : ''}`, { schema: TestimonyListResponse, signal: abort.signal });
      this.items = res.testimonies;
      this.loaded = true;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      this.error = errorMessage(e);
    } finally {
      if (this.#abort === abort) this.loading = false;
    }
  }

  /** Live changes arrive for every testimony; keep only those the current filters would list. */
  matches(t: TestimonySummary): boolean {
    const f = this.filters;
    if (f.status && t.status !== f.status) return false;
    if (f.mine && t.assignee?.id !== session.user?.id) return false;
    if (f.language.trim() && t.language.toLowerCase() !== f.language.trim().toLowerCase()) return false;
    if (f.q.trim() && !t.title.toLowerCase().includes(f.q.trim().toLowerCase())) return false;
    return true;
  }

  upsert(t: TestimonySummary): void {
    const rest = this.items.filter((x) => x.id !== t.id);
    this.items = this.matches(t) ? [t, ...rest] : rest;
    const changed = new Set(this.recentlyChanged);
    changed.add(t.id);
    this.recentlyChanged = changed;
    setTimeout(() => {
      const next = new Set(this.recentlyChanged);
      next.delete(t.id);
      this.recentlyChanged = next;
    }, 4000);
  }

  setSort(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
    else {
      this.sortKey = key;
      this.sortDir = key === 'title' || key === 'dueDate' || key === 'language' ? 'asc' : 'desc';
    }
  }

  /** Subscribe to live queue updates; returns the cleanup for the page's effect. */
  connect(): () => void {
    const socket = getSocket();
    const subscribe = () => {
      socket.emit('queue.subscribe', {}, () => {
        // Ack carries nothing; a failure leaves the list static, which the connection badge already shows.
      });
    };
    const onChanged = ({ testimony }: { testimony: TestimonySummary }) => this.upsert(testimony);
    const onPresence = ({ viewers }: { viewers: Record<string, QueueViewer[]> }) => {
      this.viewers = viewers;
    };
    // Reconnects lose the subscription and may have missed changes: resubscribe and reload.
    // The very first connect only subscribes; the page has just loaded the list.
    let connectedBefore = socket.connected;
    const onReconnect = () => {
      subscribe();
      if (connectedBefore && this.loaded) void this.load();
      connectedBefore = true;
    };
    socket.on('queue.changed', onChanged);
    socket.on('queue.presence', onPresence);
    socket.on('connect', onReconnect);
    if (socket.connected) subscribe();
    return () => {
      socket.off('queue.changed', onChanged);
      socket.off('queue.presence', onPresence);
      socket.off('connect', onReconnect);
    };
  }
}

export const queue = new QueueStore();
