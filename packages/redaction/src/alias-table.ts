import type { AliasLookup } from './variants.ts';
import { parsePhrase } from './variants-phrase.ts';

/*
 * Place aliases from a table of groups (data/aliases.json, built by cli/build-aliases.ts from
 * GeoNames): each group holds the names of one place, `forms` maps a name's sound form to its groups.
 * Pure, so the browser can load the same table on demand and get the same answers as the server.
 */
export interface AliasTable {
  groups: string[][];
  forms: Record<string, number[]>;
}

export function aliasLookupFrom(table: AliasTable): AliasLookup {
  return (name) => {
    const found = new Set<string>();
    for (const f of parsePhrase(name).forms) for (const id of table.forms[f.form] ?? []) for (const n of table.groups[id] ?? []) found.add(n);
    found.delete(name);
    return [...found];
  };
}
