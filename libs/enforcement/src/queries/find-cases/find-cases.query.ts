import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '@regledger/shared';
import { normaliseUscc } from '@regledger/enterprises/contracts';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { CASE_ERROR_CODES } from '../../domain/index.js';
import { CASE_COLUMNS, overdueOn, readableBy, toCaseView, type CaseRow, type CaseView } from '../enforcement.view.js';

export interface FindCasesCriteria {
  status: 'lead' | 'open' | 'closed' | 'all';
  uscc?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

export interface CaseListPage {
  items: CaseView[];
  total: number;
  limit: number;
  offset: number;
  today: string;
}

export class FindCasesQuery extends Query<CaseListPage> {
  constructor(
    readonly criteria: FindCasesCriteria,
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** The cases a reader may see: overdue first, then by next deadline. */
@QueryHandler(FindCasesQuery)
export class FindCasesHandler implements IQueryHandler<FindCasesQuery, CaseListPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria: c, actor, today }: FindCasesQuery): Promise<CaseListPage> {
    const where: RawBuilder<unknown>[] = [readableBy(actor, CASE_ERROR_CODES.FORBIDDEN)];
    if (c.status !== 'all') where.push(sql`status = ${c.status}`);
    if (c.uscc) where.push(sql`uscc = ${normaliseUscc(c.uscc)}`);
    if (c.overdue !== undefined) where.push(c.overdue ? overdueOn(today) : sql`not ${overdueOn(today)}`);
    const condition = sql.join(where, sql` and `);
    const [rows, count] = await Promise.all([
      sql<CaseRow>`select ${sql.raw(CASE_COLUMNS)} from enforcement_cases where ${condition}
        order by ${overdueOn(today)} desc, next_due_on asc nulls last, case_id limit ${c.limit} offset ${c.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from enforcement_cases where ${condition}`.execute(this.db),
    ]);
    return { items: rows.rows.map((r) => toCaseView(r, today)), total: Number(count.rows[0].n), limit: c.limit, offset: c.offset, today };
  }
}
