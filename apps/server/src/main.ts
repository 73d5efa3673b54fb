import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './bootstrap/database.ts';
import { seedDemo } from './bootstrap/demo.ts';
import { createApp } from './app.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

async function main(): Promise<void> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
  const app = await createApp({ config, logger, db: database });

  if (config.demo) {
    const creds = await seedDemo(app.ctx);
    if (creds) {
      // Printed once, on the first run only, so a newcomer can sign in straight away.
      console.log('\nDemo users created (first run only):');
      for (const c of creds) console.log(`  ${c.role.padEnd(15)} ${c.email.padEnd(22)} ${c.password}`);
      console.log('');
    }
  }

  await new Promise<void>((res) => app.http.listen(config.port, config.host, () => res()));
  const addr = app.http.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  logger.info({ port, embeddedDb: database.embedded }, `Testimony Desk listening on http://localhost:${port}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close().catch(() => {});
    await database.shutdown().catch((err: unknown) => logger.error({ err }, 'database shutdown failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

// A stray rejection must not take the desk down; it is logged and the process keeps serving.
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

main().catch((err: unknown) => {
  logger.fatal({ err }, 'failed to start');
  process.exit(1);
});
