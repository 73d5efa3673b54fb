/*
 * npm run bench:detect: throughput on a ~100k-word synthetic testimony (own templates, fictional
 * people), median of several runs after a warm-up; cold start (fresh process: import + first detect);
 * peak RSS. `--cold` is the child mode used for the cold-start measurement.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';

const FIRST = ['Khalil', 'Nizar', 'Rami', 'Samira', 'Yousef', 'Hala', 'Bilal', 'Rania', 'Tariq', 'Lina', 'Omar', 'Dalia'];
const FAMILY = ['al-Haddad', 'Nasser', 'al-Khatib', 'Sabbagh', 'al-Omari', 'Darwish'];
const VILLAGES = ['Kafr Sanbal', 'Tal Jibrin', 'Ain Harun', 'Deir Mashkour', 'Umm Hawsh', 'Beit Sahem'];
const TOWNS = ['Manbij', 'Jarablus', 'Gaziantep', 'Kilis', 'Reyhanli', 'Sanliurfa', 'Azaz'];
const TEMPLATES = [
  (p: string, q: string, v: string, t: string) => `${p}, 29, grew up in the village of ${v} near ${t}, where his father ran a small bakery.`,
  (p: string, q: string, v: string, t: string) => `"My cousin ${q} and I hid for two weeks in the basement of a neighbour," ${p} says, "before a smuggler drove us through the olive groves to ${t}."`,
  (p: string, q: string) => `${p} paid $900 to the smugglers in March 2018 and crossed the border at night with ${q}.`,
  () => `The Islamic State controlled the region at the time, and President Bashar al-Assad's forces shelled it from the south, Reuters reported.`,
  (p: string, q: string, v: string, t: string) => `Today ${p} lives in a rented room in ${t} where he has been hiding since the winter, and his wife stayed behind in ${v}.`,
  (p: string) => `${p} is married with three children and used to be a teacher in his home village; he was held for 11 months in a prison near Aleppo.`,
  () => `Many fighters from Iraq, Jordan and Tunisia joined the group in 2014, according to the United Nations and Human Rights Watch.`,
  (p: string, q: string) => `"We will call him Abu ${q.split(' ')[0]}," ${p} explains, adding that the man still works at a farm belonging to an old school friend of his.`,
];

export function syntheticTestimony(words: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = `${FIRST[i % FIRST.length]} ${FAMILY[(i >> 2) % FAMILY.length]}`;
    const q = `${FIRST[(i * 7 + 3) % FIRST.length]}`;
    const tpl = TEMPLATES[i % TEMPLATES.length];
    if (!tpl) continue;
    const s = tpl(p, q, VILLAGES[i % VILLAGES.length] ?? 'Ain Harun', TOWNS[(i * 3) % TOWNS.length] ?? 'Kilis');
    parts.push(s);
    count += s.split(/\s+/).length;
    if (i % 5 === 4) parts.push('\n\n');
  }
  return parts.join(' ');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (process.argv.includes('--cold')) {
    const { detect } = await import('../detect.ts');
    detect(syntheticTestimony(300));
    // performance.now() counts from process start, so this includes module loading and tsx.
    process.stdout.write(JSON.stringify({ ms: performance.now() }));
    return;
  }
  const { detect } = await import('../detect.ts');
  const text = syntheticTestimony(100_000);
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
  let peak = process.memoryUsage().rss;
  detect(text);
  const times: number[] = [];
  let spans = 0;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    spans = detect(text).length;
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const ms = median(times);
  const colds: number[] = [];
  const script = fileURLToPath(import.meta.url);
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, '--cold'], { encoding: 'utf8' });
    const wall = performance.now() - t0;
    const inner = (JSON.parse(child.stdout || '{"ms":0}') as { ms: number }).ms;
    colds.push(Math.max(inner, 0) || wall);
  }
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`text: ${words} words, ${text.length} UTF-16 units, ${spans} spans`);
  console.log(`throughput: ${Math.round(words / (ms / 1000)).toLocaleString('en-US')} words/s (median of ${times.length} runs, ${ms.toFixed(1)} ms per run)`);
  console.log(`cold start (fresh node process, import + first detect): ${median(colds).toFixed(0)} ms (median of ${colds.length})`);
  console.log(`peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB`);
}

await main();
