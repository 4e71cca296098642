import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { jurisdictionPrefix } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';

export interface ComplaintStatistics {
  jurisdiction: string;
  total: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
}

export class ComplaintStatisticsQuery extends Query<ComplaintStatistics> {
  constructor(readonly jurisdiction: string) {
    super();
  }
}

/** What the public may know of complaints: counts only, never a complaint or a complainant (domain.md §1, §6). */
@QueryHandler(ComplaintStatisticsQuery)
export class ComplaintStatisticsHandler implements IQueryHandler<ComplaintStatisticsQuery, ComplaintStatistics> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ jurisdiction }: ComplaintStatisticsQuery): Promise<ComplaintStatistics> {
    const rows = await sql<{ kind: string; status: string; n: string }>`
      select kind, status, count(*)::text as n from complaints where jurisdiction like ${`${jurisdictionPrefix(jurisdiction)}%`}
      group by kind, status order by kind, status`.execute(this.db);
    const out: ComplaintStatistics = { jurisdiction, total: 0, byKind: {}, byStatus: {} };
    for (const r of rows.rows) {
      const n = Number(r.n);
      out.total += n;
      out.byKind[r.kind] = (out.byKind[r.kind] ?? 0) + n;
      out.byStatus[r.status] = (out.byStatus[r.status] ?? 0) + n;
    }
    return out;
  }
}
