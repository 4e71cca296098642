import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import { jurisdictionPrefix } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';

export type StatisticsDimension = 'jurisdiction' | 'province' | 'city' | 'category' | 'kind' | 'month';

export interface StatisticsCriteria {
  by: StatisticsDimension;
  jurisdiction?: string;
  from?: string;
  to?: string;
}

export interface StatisticsRow {
  key: string;
  enterprises: number;
  declarations: number;
  products: number;
  lateShare: number;
  belowRecommendedShare: number;
}

export interface DeclarationStatistics {
  by: StatisticsDimension;
  filters: Omit<StatisticsCriteria, 'by'>;
  total: Omit<StatisticsRow, 'key'>;
  rows: StatisticsRow[];
}

export class DeclarationStatisticsQuery extends Query<DeclarationStatistics> {
  constructor(readonly criteria: StatisticsCriteria) {
    super();
  }
}

/** Group keys: a declaration counts once under each category its products fall in, with the products of that category. */
const KEY: Record<StatisticsDimension, string> = {
  jurisdiction: 'd.jurisdiction',
  province: "substr(d.jurisdiction, 1, 2) || '0000'",
  city: "substr(d.jurisdiction, 1, 4) || '00'",
  category: 'c.category',
  kind: 'd.standard_kind',
  month: "to_char(d.declared_on, 'YYYY-MM')",
};

/**
 * Declaring enterprises, declarations and products by jurisdiction, category, standard kind or month,
 * with the share declared late and the share flagged below a recommended standard. Abolished
 * declarations are left out: the figures describe the registry in force.
 */
@QueryHandler(DeclarationStatisticsQuery)
export class DeclarationStatisticsHandler implements IQueryHandler<DeclarationStatisticsQuery, DeclarationStatistics> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria }: DeclarationStatisticsQuery): Promise<DeclarationStatistics> {
    const where: RawBuilder<unknown>[] = [sql`d.status <> 'abolished'`];
    if (criteria.jurisdiction) where.push(sql`d.jurisdiction like ${`${jurisdictionPrefix(criteria.jurisdiction)}%`}`);
    if (criteria.from) where.push(sql`d.declared_on >= ${criteria.from}::date`);
    if (criteria.to) where.push(sql`d.declared_on <= ${criteria.to}::date`);
    const condition = sql.join(where, sql` and `);
    const byCategory = criteria.by === 'category';
    const from = byCategory
      ? sql`declarations d cross join lateral (select p->>'category' as category, count(*)::int as product_count
          from jsonb_array_elements(d.content->'products') as p group by 1) as c`
      : sql`declarations d`;
    const measures = (products: string) => sql.raw(`count(distinct d.uscc)::int as enterprises, count(distinct d.declaration_id)::int as declarations,
      coalesce(sum(${products}), 0)::int as products,
      coalesce(avg(case when d.late then 1.0 else 0.0 end), 0)::float8 as late_share,
      coalesce(avg(case when d.below_recommended then 1.0 else 0.0 end), 0)::float8 as below_share`);
    type Row = { key: string; enterprises: number; declarations: number; products: number; late_share: number; below_share: number };
    const [rows, total] = await Promise.all([
      sql<Row>`select ${sql.raw(KEY[criteria.by])} as key, ${measures(byCategory ? 'c.product_count' : 'd.product_count')} from ${from} where ${condition} group by 1 order by 1`.execute(this.db),
      sql<Row>`select 'total' as key, ${measures('d.product_count')} from declarations d where ${condition}`.execute(this.db),
    ]);
    const toRow = (r: Row): StatisticsRow => ({
      key: r.key,
      enterprises: Number(r.enterprises),
      declarations: Number(r.declarations),
      products: Number(r.products),
      lateShare: Math.round(Number(r.late_share) * 10_000) / 10_000,
      belowRecommendedShare: Math.round(Number(r.below_share) * 10_000) / 10_000,
    });
    const { key: _key, ...totals } = toRow(total.rows[0]);
    return { by: criteria.by, filters: { jurisdiction: criteria.jurisdiction, from: criteria.from, to: criteria.to }, total: totals, rows: rows.rows.map(toRow) };
  }
}
