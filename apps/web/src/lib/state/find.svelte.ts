import { Finder, type Occurrence } from '$lib/review/finder';

const DEBOUNCE_MS = 120;

/** The review page's find bar: query, variant hits and which one is current. One per testimony. */
export class FindState {
  open = $state(false);
  query = $state('');
  hits = $state.raw<Occurrence[]>([]);
  current = $state(0);
  /** The query the hits belong to (the input may be ahead while the worker runs). */
  searched = $state('');
  #finder: Finder | null = null;
  #body = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Bind to a body; a new body (another testimony, or a reload) starts a fresh worker. */
  attach(body: string): void {
    if (body === this.#body && this.#finder) return;
    this.#finder?.dispose();
    this.#body = body;
    this.#finder = new Finder(body);
    if (this.query.trim()) this.search(this.query, true);
  }

  search(query: string, now = false): void {
    this.query = query;
    clearTimeout(this.#timer);
    const run = async () => {
      const finder = this.#finder;
      if (!finder) return;
      const hits = await finder.find(query);
      if (hits === null) return;
      this.hits = hits;
      this.searched = query;
      this.current = 0;
    };
    if (now) void run();
    else this.#timer = setTimeout(() => void run(), DEBOUNCE_MS);
  }

  /** Start at the first hit at or after a body offset (e.g. where the reader's caret is). */
  startFrom(offset: number): void {
    const i = this.hits.findIndex((h) => h.start >= offset);
    this.current = i < 0 ? 0 : i;
  }

  step(dir: 1 | -1): void {
    const n = this.hits.length;
    if (n > 0) this.current = (this.current + dir + n) % n;
  }

  get hit(): Occurrence | undefined {
    return this.hits[this.current];
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#finder?.dispose();
    this.#finder = null;
  }
}
