// The worker thread's entry. The jobs are TypeScript, and a worker does not reliably inherit
// the parent's `--import tsx` hooks on Node 20 (and never under vitest), so the loader is
// registered here, in the thread itself, before the jobs are imported.
import { register } from 'tsx/esm/api';

register();
// Started at once, not on the first job, so loading the engine's lexicons overlaps start-up.
const jobs = import('./jobs.worker.ts');
// A rejected load is reported by the first job that awaits it, not as an unhandled rejection.
jobs.catch(() => {});

/** piscina calls this with `{ name, input }`; `name` is one export of jobs.worker.ts. */
export default async function run({ name, input }) {
  const mod = await jobs;
  const job = mod[name];
  if (typeof job !== 'function') throw new Error(`unknown job ${String(name)}`);
  return job(input);
}
