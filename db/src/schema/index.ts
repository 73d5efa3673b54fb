export * from './enums.ts';
export * from './users.ts';
export * from './testimonies.ts';
export * from './redactions.ts';
export * from './collaboration.ts';
export * from './ledger.ts';
