import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';

/** A table's row count and an md5 of all its rows (as JSON text, in a stable order): equal tables give equal checksums. */
export async function tableChecksum(db: AnyDb, table: string): Promise<{ rows: number; md5: string }> {
  const { rows } = await sql<{ n: number; h: string }>`
    select count(*)::int as n, md5(coalesce(string_agg(r, E'\\n' order by r), '')) as h
    from (select to_jsonb(x)::text as r from ${sql.table(table)} x) rows`.execute(db);
  return { rows: Number(rows[0].n), md5: rows[0].h };
}
