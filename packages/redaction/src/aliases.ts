import { createRequire } from 'node:module';
import { aliasLookupFrom, type AliasTable } from './alias-table.ts';
import type { AliasLookup } from './variants.ts';

/*
 * The gazetteer's place aliases for the server, the export gate and the CLIs (Node only: the ~1 MB
 * table is loaded on first use; the browser loads it through alias-table.ts on demand).
 */
const require = createRequire(import.meta.url);
let lookup: AliasLookup | null = null;

export const gazetteerAliases: AliasLookup = (name) => {
  lookup ??= aliasLookupFrom(require('../data/aliases.json') as AliasTable);
  return lookup(name);
};
