/** Percentile of an ascending-sorted sample (nearest rank). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

export function summarise(samples: Float64Array): { p50: number; p99: number; max: number; n: number } {
  const s = Float64Array.from(samples).sort();
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s.length ? (s[s.length - 1] ?? NaN) : NaN, n: s.length };
}

export const round = (x: number, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export function table(rows: Record<string, string | number | null>[]): string {
  if (rows.length === 0) return '';
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '—').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(width[i]!)).join(' | ') + ' |';
  return [line(cols), '|' + width.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map((r) => line(cols.map((c) => String(r[c] ?? '—'))))].join('\n');
}
