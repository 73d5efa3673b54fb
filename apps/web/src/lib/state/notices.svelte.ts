/** Transient messages (command failures, confirmations) shown in one live region. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

class Notices {
  items = $state.raw<Notice[]>([]);
  #next = 1;

  push(kind: Notice['kind'], text: string, ttlMs = kind === 'error' ? 10_000 : 4_000): void {
    const id = this.#next++;
    this.items = [...this.items, { id, kind, text }];
    setTimeout(() => this.dismiss(id), ttlMs);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
