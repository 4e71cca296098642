import type { RawQuery } from '../backends.js';

/** The bench database's tables, schemas and applied migrations before the API ran its own migrations on it. */
export interface SchemaSnapshot {
  tables: Set<string>;
  schemas: Set<string>;
  migrations: Set<string>;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function tables(raw: RawQuery): Promise<string[]> {
  const rows = await raw.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  return rows.map((r) => `${ident(r.schema)}.${ident(r.name)}`);
}

async function schemas(raw: RawQuery): Promise<string[]> {
  const rows = await raw.query<{ name: string }>(`select nspname as name from pg_namespace where nspname not like 'pg\\_%' and nspname <> 'information_schema'`);
  return rows.map((r) => r.name);
}

const migrations = async (raw: RawQuery): Promise<string[]> => (await raw.query<{ id: string }>('select id from schema_migrations')).map((r) => r.id);

export async function snapshotSchema(raw: RawQuery): Promise<SchemaSnapshot> {
  return { tables: new Set(await tables(raw)), schemas: new Set(await schemas(raw)), migrations: new Set(await migrations(raw)) };
}

/**
 * Brings the database back to the snapshot: drops what the API's migrations created (tables, schemas and
 * their migration records) and empties the log and runtime tables (`es_*`, `rm_*`) it wrote to.
 */
export async function restoreSchema(raw: RawQuery, before: SchemaSnapshot): Promise<{ tables: number; schemas: number; migrations: number; emptied: number }> {
  const newTables = (await tables(raw)).filter((t) => !before.tables.has(t));
  for (const t of newTables) await raw.query(`drop table if exists ${t} cascade`);
  const newSchemas = (await schemas(raw)).filter((s) => !before.schemas.has(s));
  for (const s of newSchemas) await raw.query(`drop schema if exists ${ident(s)} cascade`);
  const added = (await migrations(raw)).filter((id) => !before.migrations.has(id));
  if (added.length) await raw.query('delete from schema_migrations where id = any($1::text[])', [added]);
  const written = [...before.tables].filter((t) => /^"public"\."(es|rm)_/.test(t));
  if (written.length) await raw.query(`truncate ${written.join(', ')} restart identity`);
  return { tables: newTables.length, schemas: newSchemas.length, migrations: added.length, emptied: written.length };
}
