export * from './client.ts';
export * from './embedded.ts';
export * from './migrate.ts';
export * from './scratch.ts';
export * as schema from './schema/index.ts';
export { DEMO_USERS } from './seed/users.ts';
export { DEMO_TESTIMONIES, type DemoTestimony } from './seed/testimonies.ts';
