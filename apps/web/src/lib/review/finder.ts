import { findOccurrences } from '@desk/redaction/occurrences';
import type { Occurrence } from '@desk/redaction/occurrences';

export type { Occurrence };

/**
 * Finds a needle and its spelling variants in one testimony body — the matcher the server's
 * redact-all runs, so what the find bar counts is what "Redact all" changes. Runs in a worker
 * (latest query wins); falls back to the page thread where workers are unavailable.
 */
export class Finder {
  #worker: Worker | null = null;
  #body: string;
  #seq = 0;
  #waiting = new Map<number, (hits: Occurrence[]) => void>();

  constructor(body: string) {
    this.#body = body;
    try {
      this.#worker = new Worker(new URL('./find.worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (e: MessageEvent<{ id: number; hits: Occurrence[] }>) => {
        this.#waiting.get(e.data.id)?.(e.data.hits);
        this.#waiting.delete(e.data.id);
      };
      this.#worker.postMessage({ type: 'body', body });
    } catch {
      this.#worker = null;
    }
  }

  /** Hits of `needle`; resolves null when a newer search started meanwhile (its answer is stale). */
  find(needle: string): Promise<Occurrence[] | null> {
    const id = ++this.#seq;
    if (!this.#worker) return Promise.resolve(needle.trim() ? findOccurrences(this.#body, needle) : []);
    return new Promise((resolve) => {
      this.#waiting.set(id, (hits) => resolve(id === this.#seq ? hits : null));
      this.#worker?.postMessage({ type: 'find', id, needle });
    });
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    for (const done of this.#waiting.values()) done([]);
    this.#waiting.clear();
  }
}
