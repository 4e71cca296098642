import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '@regledger/shared';
import { normaliseUscc } from '@regledger/enterprises/contracts';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { MATTER_ERROR_CODES } from '../../domain/index.js';
import { MATTER_COLUMNS, overdueOn, readableBy, toMatterView, type MatterRow, type MatterView } from '../enforcement.view.js';

export interface FindMattersCriteria {
  status: 'open' | 'closed' | 'all';
  uscc?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

export interface MatterListPage {
  items: MatterView[];
  total: number;
  limit: number;
  offset: number;
  today: string;
}

export class FindMattersQuery extends Query<MatterListPage> {
  constructor(
    readonly criteria: FindMattersCriteria,
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** The matters a reader may see: overdue first, then by next deadline, then newest. */
@QueryHandler(FindMattersQuery)
export class FindMattersHandler implements IQueryHandler<FindMattersQuery, MatterListPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria: c, actor, today }: FindMattersQuery): Promise<MatterListPage> {
    const where: RawBuilder<unknown>[] = [readableBy(actor, MATTER_ERROR_CODES.FORBIDDEN)];
    if (c.status !== 'all') where.push(sql`status = ${c.status}`);
    if (c.uscc) where.push(sql`uscc = ${normaliseUscc(c.uscc)}`);
    if (c.overdue !== undefined) where.push(c.overdue ? overdueOn(today) : sql`not ${overdueOn(today)}`);
    const condition = sql.join(where, sql` and `);
    const [rows, count] = await Promise.all([
      sql<MatterRow>`select ${sql.raw(MATTER_COLUMNS)} from enforcement_matters where ${condition}
        order by ${overdueOn(today)} desc, next_due_on asc nulls last, opened_on desc, matter_id limit ${c.limit} offset ${c.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from enforcement_matters where ${condition}`.execute(this.db),
    ]);
    return { items: rows.rows.map((r) => toMatterView(r, today)), total: Number(count.rows[0].n), limit: c.limit, offset: c.offset, today };
  }
}
