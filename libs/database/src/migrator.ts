import { sql } from 'kysely';
import type { AnyDb } from './database.js';

export interface Migration {
  /** Unique and ordered: `<module>/<nnnn>-<what>`. */
  id: string;
  up(db: AnyDb): Promise<void>;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies migrations not yet recorded, each in its own transaction, under a transaction-level advisory
 * lock so two processes starting together do not race.
 */
export async function migrate(db: AnyDb, migrations: readonly Migration[]): Promise<MigrationReport> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  await sql`create table if not exists schema_migrations (id text primary key, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  let already = 0;
  for (const m of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('regledger:migrations'))`.execute(trx);
      const row = await sql<{ id: string }>`select id from schema_migrations where id = ${m.id}`.execute(trx);
      if (row.rows.length > 0) return false;
      await m.up(trx);
      await sql`insert into schema_migrations (id) values (${m.id})`.execute(trx);
      return true;
    });
    if (done) applied.push(m.id);
    else already += 1;
  }
  return { applied, alreadyApplied: already };
}
