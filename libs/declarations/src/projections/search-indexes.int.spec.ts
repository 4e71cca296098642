import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { declarationsProjection } from './declarations.projection.js';
import { searchIndexMigrations, trigramInstalled } from './search-indexes.js';

const trigramIndexes = async (database: Database, table: string): Promise<string[]> =>
  (
    await sql<{ def: string }>`select indexdef as def from pg_indexes where tablename = ${table} and indexdef like '%gin_trgm_ops%' order by indexdef`.execute(database.db)
  ).rows.map((r) => r.def);

describe('registry search indexes', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });

  afterAll(async () => {
    await database.close();
  });

  it('given a registry built before the indexes, when the migration runs, then pg_trgm is installed and the three searched columns get trigram indexes', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`create table declarations (declaration_id text primary key, enterprise_search text, standard_key text, product_search text)`.execute(trx);
    });
    await database.db.transaction().execute((trx) => searchIndexMigrations[0].up(trx));
    expect(await trigramInstalled(database.db)).toBe(true);
    const defs = await trigramIndexes(database, 'declarations');
    expect(defs.map((d) => /\((\w+) gin_trgm_ops\)/.exec(d)?.[1]).sort()).toEqual(['enterprise_search', 'product_search', 'standard_key']);
    // Run again (a second process starting): nothing more.
    await database.db.transaction().execute((trx) => searchIndexMigrations[0].up(trx));
    expect(await trigramIndexes(database, 'declarations')).toHaveLength(3);
    await sql`drop table declarations`.execute(database.db);
  });

  it('given pg_trgm, when the projection creates its tables (a rebuild, a new database), then they carry the trigram indexes and a substring search can use them', async () => {
    const tables = { declarations: 'dx_declarations', declaration_versions: 'dx_versions', declaration_products: 'dx_products', declaration_history: 'dx_history' };
    await database.db.transaction().execute((trx) => declarationsProjection.createTables(trx, tables as never));
    expect(await trigramIndexes(database, 'dx_declarations')).toHaveLength(3);
    const plan = await database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return sql<{ 'QUERY PLAN': string }>`explain select declaration_id from dx_declarations where enterprise_search like '%美的电器%'`.execute(trx);
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on .*enterprise_search/);
  });
});
