import { embeddedLogFile } from '@desk/db';
import { loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase, type DatabaseHandle } from './bootstrap/database.ts';
import { seedDemo } from './bootstrap/demo.ts';
import { startFailureText } from './bootstrap/start-failure.ts';
import { createApp, type App } from './app.ts';

/**
 * What has been started so far, so a failed start can report with the right context and stop
 * what it had begun (an embedded Postgres left running would hold its data directory).
 */
const started: { config?: Config; logger?: Logger; database?: DatabaseHandle; app?: App } = {};

async function main(): Promise<void> {
  const config = (started.config = loadConfig());
  const logger = (started.logger = createLogger(config.logLevel));
  if (!config.databaseUrl) logger.info({ pgLog: embeddedLogFile(config.dataDir) }, 'embedded PostgreSQL log');
  const database = (started.database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger }));
  const app = (started.app = await createApp({ config, logger, db: database }));

  if (config.demo) {
    const creds = await seedDemo(app.ctx);
    if (creds) {
      // Printed once, on the first run only, so a newcomer can sign in straight away.
      console.log('\nDemo users created (first run only):');
      for (const c of creds) console.log(`  ${c.role.padEnd(15)} ${c.email.padEnd(22)} ${c.password}`);
      console.log('');
    }
  }

  await listen(app, config);
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

/** `listen` reports a taken port as an 'error' event, which would otherwise crash without a word. */
function listen(app: App, config: Config): Promise<void> {
  return new Promise<void>((res, rej) => {
    app.http.once('error', rej);
    app.http.listen(config.port, config.host, () => {
      app.http.off('error', rej);
      res();
    });
  });
}

// A stray rejection must not take the desk down; it is logged and the process keeps serving.
process.on('unhandledRejection', (err) => started.logger?.error({ err }, 'unhandled rejection'));

main().catch(async (err: unknown) => {
  const { config, logger, database, app } = started;
  // The cause goes to stderr as a sentence (a newcomer reads the terminal, not JSON) and to the log.
  const pgLog = config && !config.databaseUrl ? embeddedLogFile(config.dataDir) : undefined;
  process.stderr.write(startFailureText(err, { port: config?.port, host: config?.host, databaseUrl: config?.databaseUrl, pgLog }));
  logger?.fatal({ err }, 'failed to start');
  // Stop what had started (an embedded Postgres above all), but never hang on the way out.
  setTimeout(() => process.exit(1), 5_000).unref();
  await app?.close().catch(() => {});
  await database?.shutdown().catch(() => {});
  process.exit(1);
});
