import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openDatabase } from '../bootstrap/database.ts';
import { verifyChains } from './verify.ts';

/**
 * `npm run audit:verify`: checks every hash chain. Exit 0 when all hold, 1 with the first
 * broken link of each stream, 2 when the check itself could not run.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger, poolMax: 2 });
  try {
    const r = await verifyChains(db.db);
    if (r.broken.length === 0) {
      console.log(`audit: ${r.streams} stream(s), ${r.events} event(s): every chain is intact`);
      return 0;
    }
    console.error(`audit: ${r.broken.length} of ${r.streams} stream(s) broken (${r.events} events read)`);
    for (const b of r.broken) console.error(`  BROKEN stream=${b.stream} seq=${b.seq}: ${b.problem}`);
    return 1;
  } finally {
    await db.shutdown();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('audit: verification could not run:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
