/**
 * Crash faults with nothing lost: 50 simulated editors send commands to one testimony while
 * a server process is SIGKILLed at a random moment and restarted, 20 times; then the same
 * with two processes sharing the database (Postgres adapter), killing one of them. After
 * each fault: no acknowledged command lost, nothing applied twice, every client converges.
 *
 *   npm run test:faults            (FAULTS=20 FAULTS_DUAL=4 EDITORS=50 to change the sizes)
 */
import pg from 'pg';
import { Editor } from './editor.ts';
import { check, settle, type Figures } from './checks.ts';
import { EDITOR_PASSWORD, scratchDatabase, seedEditors } from './scratch.ts';
import { ServerProcess, freePort } from './server-process.ts';

const FAULTS = Number(process.env.FAULTS ?? 20);
const FAULTS_DUAL = Number(process.env.FAULTS_DUAL ?? 4);
const EDITORS = Number(process.env.EDITORS ?? 50);
const BODY =
  'The witness, whom we will call Samir, was born in the village of Kafr Nadeem near the river.\n\n' +
  'قال سمير إنه اختبأ في بيت صديقه ثلاثة أسابيع. 🕊️ He reached Turkey with a smuggler named Abu Raed al-Halabi. 👨‍👩‍👧\n\n' +
  'Élodie, a café owner in Gaziantep, hid him for a week; Zoë drove him to the border at Öncüpınar.';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: EDITOR_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

type Round = Figures & { scenario: string; fault: number; settled: boolean };

/** One fault: work for a random while, kill a node mid-flight, restart it, settle, check. */
async function fault(scenario: string, n: number, nodes: ServerProcess[], editors: Editor[], db: pg.Pool, testimonyId: string): Promise<Round> {
  for (const e of editors) e.working = true;
  await sleep(rand(300, 1_800));
  const victim = nodes[Math.floor(Math.random() * nodes.length)] as ServerProcess;
  await victim.kill();
  await sleep(rand(0, 400));
  await victim.start();
  await sleep(rand(200, 800));
  for (const e of editors) e.working = false;
  // Generous: on the shared 2-core machine a restarted node's peers answered joins in > 8 s for a while.
  const settled = await settle(editors, 180_000);
  const figures = await check(db, testimonyId, editors);
  const round = { scenario, fault: n, settled, ...figures };
  console.log(
    `  ${scenario} fault ${String(n).padStart(2)}: acked ${figures.acked}, resent ${figures.resends}, deduplicated ${figures.dedupedAcks}, ` +
      `lost ${figures.lost}, duplicated ${figures.duplicated}, divergent ${figures.divergent}${settled ? '' : ', NOT SETTLED'}`,
  );
  return round;
}

async function scenario(name: string, nodeCount: number, faults: number, dbUrl: string, db: pg.Pool, emails: string[]): Promise<Round[]> {
  const nodes: ServerProcess[] = [];
  for (let i = 0; i < nodeCount; i++) nodes.push(new ServerProcess(await freePort(), dbUrl));
  await Promise.all(nodes.map((s) => s.start()));
  const first = nodes[0] as ServerProcess;
  const creator = await login(first.url, emails[0] as string);
  const created = await fetch(`${first.url}/api/testimonies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: creator },
    body: JSON.stringify({ title: `Fault run (${name})`, language: 'en', body: BODY }),
  });
  if (created.status !== 201) throw new Error(`create testimony: ${created.status} ${await created.text()}`);
  const testimonyId = ((await created.json()) as { testimony: { id: string } }).testimony.id;
  const body = BODY.normalize('NFC');

  const editors: Editor[] = [];
  for (const [i, email] of emails.entries()) {
    const node = nodes[i % nodes.length] as ServerProcess;
    editors.push(new Editor(node.url, await login(node.url, email), testimonyId, body));
  }
  if (!(await settle(editors, 60_000))) throw new Error('editors did not connect');

  const rounds: Round[] = [];
  try {
    for (let n = 1; n <= faults; n++) rounds.push(await fault(name, n, nodes, editors, db, testimonyId));
  } finally {
    for (const e of editors) e.close();
    await Promise.all(nodes.map((s) => s.stop()));
  }
  const errors = nodes.flatMap((s) => s.errors);
  if (errors.length) console.log(`  ${name}: ${errors.length} server error log line(s), first: ${errors[0]}`);
  return rounds;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const scratch = await scratchDatabase();
  const db = new pg.Pool({ connectionString: scratch.url, max: 3 });
  try {
    const emails = await seedEditors(db, EDITORS);
    console.log(`faults: ${EDITORS} editors, ${FAULTS} kills of one node, ${FAULTS_DUAL} kills of one of two nodes`);
    const rounds = [
      ...(await scenario('single', 1, FAULTS, scratch.url, db, emails)),
      ...(FAULTS_DUAL > 0 ? await scenario('dual', 2, FAULTS_DUAL, scratch.url, db, emails) : []),
    ];
    const last = (s: string) => rounds.filter((r) => r.scenario === s).at(-1);
    // lost and duplicated are re-checked over each scenario's whole history, so its last round holds the total.
    const total = (k: 'lost' | 'duplicated') => (last('single')?.[k] ?? 0) + (last('dual')?.[k] ?? 0);
    const divergent = rounds.reduce((n, r) => n + r.divergent, 0);
    const acked = (last('single')?.acked ?? 0) + (last('dual')?.acked ?? 0);
    const failed = rounds.filter((r) => !r.settled || r.lost || r.duplicated || r.divergent).length;
    const secs = ((Date.now() - t0) / 1000).toFixed(0);
    console.log(`\nfaults ${rounds.length}, acked commands ${acked}, lost ${total('lost')}, duplicated ${total('duplicated')}, divergent clients ${divergent} (${secs}s)`);
    console.log(`faults: ${rounds.length - failed} passed, ${failed} failed`);
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    await db.end();
    await scratch.drop();
  }
  // Sockets and pools may hold the loop open; the verdict is already in exitCode.
  process.exit();
}

main().catch((err: unknown) => {
  console.error('fault run crashed:', err);
  process.exit(1);
});
