import { sql } from 'kysely';
import type { AnyDb, Migration } from '@regledger/database';

/** The registry's substring searches (enterprise name, standard number, product) and the columns they read. */
const SEARCHED_COLUMNS = ['enterprise_search', 'standard_key', 'product_search'] as const;

/** Whether pg_trgm is installed in this database. */
export const trigramInstalled = async (db: AnyDb): Promise<boolean> =>
  (await sql<{ ok: boolean }>`select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok`.execute(db)).rows[0].ok;

/**
 * Installs pg_trgm when the server offers it (a trusted extension: the database's owner may create it). Where it cannot, the
 * searches still work, by scanning; the savepoint keeps the caller's transaction usable.
 */
export async function installTrigram(db: AnyDb): Promise<boolean> {
  if (await trigramInstalled(db)) return true;
  await sql`savepoint install_pg_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint install_pg_trgm`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint install_pg_trgm`.execute(db);
    return false;
  }
}

/** GIN trigram indexes for `like '%…%'` on the searched columns of a declarations table, when pg_trgm is installed. */
export async function createSearchIndexes(db: AnyDb, table: string): Promise<void> {
  if (!(await trigramInstalled(db))) return;
  for (const column of SEARCHED_COLUMNS) await sql`create index on ${sql.table(table)} using gin (${sql.ref(column)} gin_trgm_ops)`.execute(db);
}

/** Installs pg_trgm and indexes a live registry built before the indexes existed (a rebuild creates them with its tables). */
export const searchIndexMigrations: readonly Migration[] = [
  {
    id: 'declarations/0001-search-trigram-indexes',
    async up(db) {
      if (!(await installTrigram(db))) return;
      const live = await sql<{ ok: boolean }>`select to_regclass('declarations') is not null as ok`.execute(db);
      if (!live.rows[0].ok) return;
      const indexed = await sql<{ n: string }>`select count(*)::text as n from pg_indexes where tablename = 'declarations' and indexdef like '%gin_trgm_ops%'`.execute(db);
      if (Number(indexed.rows[0].n) === 0) await createSearchIndexes(db, 'declarations');
    },
  },
];
