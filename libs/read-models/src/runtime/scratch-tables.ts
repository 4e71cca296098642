import type { Projection, TableNames } from './projection.js';

/** A scratch schema name: lower-case letters, digits and underscores, starting with a letter (a PostgreSQL identifier, unquoted). */
const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A projection's tables inside another schema (`<schema>.<table>`), to build it somewhere that neither
 * the live tables nor a blue/green rebuild (`<table>__next`) use, e.g. a read model as it stood at a past time.
 */
export const schemaTables = (p: Projection, schema: string): TableNames => {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a usable schema name: ${schema}`);
  return Object.fromEntries(p.tables.map((t) => [t, `${schema}.${t}`]));
};
