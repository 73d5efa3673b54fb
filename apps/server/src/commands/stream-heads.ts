import { LRUCache } from 'lru-cache';
import type { Db } from '@desk/db';
import type { TestimonyRow } from '../repo/testimonies.repo.ts';

/**
 * What this process last committed to a testimony: its row (seq and version included), the
 * hash of its last audit event and whether an approval may still be live. The fast path plans
 * a batch from it without reading anything and lets one guarded statement check that nobody
 * else (another process, a view, a status change) appended since. A stale head therefore
 * costs one wasted round trip, never a wrong write.
 */
export type StreamHead = { t: TestimonyRow; prevHash: string; approvalsMayExist: boolean };

/** Bodies are the bulk of a head; bound the cache by their size (UTF-16 code units × 2). */
const MAX_BYTES = 64 * 1024 * 1024;

/** Per database handle (tests run several apps in one process). */
const caches = new WeakMap<Db, LRUCache<string, StreamHead>>();

function cacheOf(db: Db): LRUCache<string, StreamHead> {
  let c = caches.get(db);
  if (!c) {
    c = new LRUCache<string, StreamHead>({ maxSize: MAX_BYTES, sizeCalculation: (h) => h.t.body.length * 2 + 2048 });
    caches.set(db, c);
  }
  return c;
}

export const headOf = (db: Db, testimonyId: string): StreamHead | undefined => cacheOf(db).get(testimonyId);

export function rememberHead(db: Db, head: StreamHead): void {
  cacheOf(db).set(head.t.id, head);
}

export function forgetHead(db: Db, testimonyId: string): void {
  cacheOf(db).delete(testimonyId);
}
