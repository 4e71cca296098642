import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import { normaliseUscc } from '@regledger/enterprises/contracts';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { shownOn, toPublicPenalty, type PenaltyRow, type PublicPenaltyView } from '../enforcement.view.js';

export interface PenaltyListPage {
  items: PublicPenaltyView[];
  total: number;
  limit: number;
  offset: number;
}

export class FindPenaltiesQuery extends Query<PenaltyListPage> {
  constructor(
    readonly today: string,
    readonly page: { uscc?: string; limit: number; offset: number },
  ) {
    super();
  }
}

/** The public penalty list (SAMR Order 45): penalties shown today, newest publication first, public fields only. */
@QueryHandler(FindPenaltiesQuery)
export class FindPenaltiesHandler implements IQueryHandler<FindPenaltiesQuery, PenaltyListPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ today, page }: FindPenaltiesQuery): Promise<PenaltyListPage> {
    const where: RawBuilder<unknown>[] = [shownOn(today)];
    if (page.uscc) where.push(sql`c.uscc = ${normaliseUscc(page.uscc)}`);
    const condition = sql.join(where, sql` and `);
    const [rows, count] = await Promise.all([
      sql<PenaltyRow>`select c.case_id, c.state, n.name as enterprise_name from enforcement_cases c left join enforcement_enterprise_names n on n.uscc = c.uscc
        where ${condition} order by c.published_on desc, c.case_id limit ${page.limit} offset ${page.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from enforcement_cases c where ${condition}`.execute(this.db),
    ]);
    return { items: rows.rows.map(toPublicPenalty), total: Number(count.rows[0].n), limit: page.limit, offset: page.offset };
  }
}
