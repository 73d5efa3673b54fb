export { createApp, type App } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { createLogger } from './logger.ts';
export { openDatabase } from './bootstrap/database.ts';
export { seedDemo } from './bootstrap/demo.ts';
