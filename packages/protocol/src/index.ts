export * from './enums.ts';
export * from './errors.ts';
export * from './users.ts';
export * from './testimonies.ts';
export * from './commands.ts';
export * from './events.ts';
export * from './presence.ts';
export * from './admin.ts';
