import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { jurisdictionPrefix } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { ENTERPRISE_COLUMNS, toEnterpriseView, type EnterpriseRow } from '../enterprise.view.js';
import { FindEnterprisesQuery, type EnterprisePage } from './find-enterprises.query.js';

/** Escapes LIKE's wildcards so a user's `%` or `_` matches itself. */
const likeLiteral = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@QueryHandler(FindEnterprisesQuery)
export class FindEnterprisesHandler implements IQueryHandler<FindEnterprisesQuery, EnterprisePage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria }: FindEnterprisesQuery): Promise<EnterprisePage> {
    const conditions = [sql`true`];
    const q = criteria.q?.trim().replace(/\s+/g, ' ');
    if (q) {
      const pattern = `%${likeLiteral(q.toLowerCase())}%`;
      conditions.push(sql`(uscc like ${`${likeLiteral(q.toUpperCase())}%`} or search_text like ${pattern})`);
    }
    if (criteria.jurisdiction) conditions.push(sql`jurisdiction like ${`${jurisdictionPrefix(criteria.jurisdiction)}%`}`);
    if (criteria.status) conditions.push(sql`status = ${criteria.status}`);
    const where = sql.join(conditions, sql` and `);
    const [rows, count] = await Promise.all([
      sql<EnterpriseRow>`select ${sql.raw(ENTERPRISE_COLUMNS)} from enterprises where ${where} order by name, uscc limit ${criteria.limit} offset ${criteria.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from enterprises where ${where}`.execute(this.db),
    ]);
    return { items: rows.rows.map(toEnterpriseView), total: Number(count.rows[0].n), limit: criteria.limit, offset: criteria.offset };
  }
}
