/**
 * `npm run bench:review` — how fast the review page opens a big testimony in real Chromium.
 * Starts the built server on a scratch database (as the e2e run does), creates a generated
 * 20,000-word testimony with ~2,000 engine suggestions, then opens it RUNS times in a fresh page:
 *   visible_ms        navigation start → the first paragraph's text is in the DOM
 *   tbt_ms            total blocking time (sum of long tasks' time over 50 ms) until the page is settled
 *   longest_task_ms   the longest task in that window
 *   preview_toggle_ms click on "Redacted preview" → the next frame after the page updated (median of on and off)
 * Prints each run, the medians, and last one JSON line with the medians. Build first (`npx turbo run build`).
 */
import { chromium, type Page } from '@playwright/test';
import { generateTestimony } from './generate.ts';

process.env.E2E_PORT ??= '3941';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SETTLE_MS = 2_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** Long tasks and the first paragraph's arrival, recorded inside the page from its first script on. */
function instrument(): void {
  const w = window as unknown as { __bench: { tasks: { start: number; dur: number }[]; visible: number | null } };
  w.__bench = { tasks: [], visible: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.tasks.push({ start: e.startTime, dur: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, obs) => {
    const p = document.querySelector('[data-testid="paragraph"]');
    if (p && (p.textContent ?? '').length > 0) {
      w.__bench.visible = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
}

async function toggleMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const cb = document.querySelector<HTMLInputElement>('[data-testid="preview-toggle"]');
    if (!cb) throw new Error('no preview toggle');
    const t0 = performance.now();
    cb.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  });
}

async function main(): Promise<void> {
  const { default: globalSetup } = await import('../../e2e/global-setup.ts');
  const stop = await globalSetup();
  const base = `http://localhost:${process.env.E2E_PORT}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
    const login = await ctx.request.post('/api/auth/login', { data: { email: 'editor@desk.test', password: 'editor-demo-pass' } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const body = generateTestimony();
    const res = await ctx.request.post('/api/testimonies', { data: { title: `Bench ${Date.now()}`, language: 'en', body } });
    if (res.status() !== 201) throw new Error(`create failed: ${res.status()}`);
    const id = ((await res.json()) as { testimony: { id: string } }).testimony.id;
    const snap = (await (await ctx.request.get(`/api/testimonies/${id}`)).json()) as { redactions: unknown[] };
    console.log(`testimony: ${body.split(/\s+/).length} words, ${body.length} chars, ${snap.redactions.length} suggestions; ${RUNS} runs, viewport 1440×900`);

    const rows: { visible: number; tbt: number; longest: number; toggle: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await ctx.newPage();
      await page.addInitScript(instrument);
      await page.goto(`/testimonies/${id}`);
      await page.waitForFunction(() => (window as unknown as { __bench: { visible: number | null } }).__bench.visible !== null, null, { timeout: 60_000 });
      await page.getByTestId('redaction-mark').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(SETTLE_MS); // a quiet window after load, so late long tasks are counted too
      const b = await page.evaluate(() => (window as unknown as { __bench: { tasks: { start: number; dur: number }[]; visible: number } }).__bench);
      const on = await toggleMs(page);
      await page.waitForTimeout(300);
      const off = await toggleMs(page);
      const row = {
        visible: b.visible,
        tbt: b.tasks.reduce((s, t) => s + Math.max(0, t.dur - 50), 0),
        longest: b.tasks.reduce((m, t) => Math.max(m, t.dur), 0),
        toggle: (on + off) / 2,
      };
      rows.push(row);
      console.log(`run ${i + 1}: visible ${row.visible.toFixed(0)} ms, TBT ${row.tbt.toFixed(0)} ms, longest task ${row.longest.toFixed(0)} ms, preview toggle on ${on.toFixed(0)} / off ${off.toFixed(0)} ms`);
      await page.close();
    }
    const out = {
      visible_ms: Math.round(median(rows.map((r) => r.visible))),
      tbt_ms: Math.round(median(rows.map((r) => r.tbt))),
      longest_task_ms: Math.round(median(rows.map((r) => r.longest))),
      preview_toggle_ms: Math.round(median(rows.map((r) => r.toggle))),
    };
    console.log(`median: visible ${out.visible_ms} ms (target ≤ 1000), TBT ${out.tbt_ms} ms (≤ 200), longest task ${out.longest_task_ms} ms (≤ 100), preview toggle ${out.preview_toggle_ms} ms (≤ 100)`);
    console.log(JSON.stringify(out));
  } finally {
    await browser.close();
    await stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
