import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { jurisdictionPrefix } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { PLAN_COLUMNS, toInspectionPlanView, type InspectionPlanRow, type InspectionPlanView } from '../inspection-plan.view.js';

export interface FindInspectionPlansCriteria {
  jurisdiction?: string;
  status?: 'created' | 'drawn' | 'cancelled';
  limit: number;
  offset: number;
}

export interface InspectionPlanPage {
  items: InspectionPlanView[];
  total: number;
  limit: number;
  offset: number;
}

export class FindInspectionPlansQuery extends Query<InspectionPlanPage> {
  constructor(readonly criteria: FindInspectionPlansCriteria) {
    super();
  }
}

/** Plans are public with their commitments, newest first ("one public", domain.md §5). */
@QueryHandler(FindInspectionPlansQuery)
export class FindInspectionPlansHandler implements IQueryHandler<FindInspectionPlansQuery, InspectionPlanPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria }: FindInspectionPlansQuery): Promise<InspectionPlanPage> {
    const conditions = [sql`true`];
    if (criteria.jurisdiction) conditions.push(sql`jurisdiction like ${`${jurisdictionPrefix(criteria.jurisdiction)}%`}`);
    if (criteria.status) conditions.push(sql`status = ${criteria.status}`);
    const where = sql.join(conditions, sql` and `);
    const [rows, count] = await Promise.all([
      sql<InspectionPlanRow>`select ${sql.raw(PLAN_COLUMNS)} from inspection_plans where ${where} order by created_on desc, plan_id limit ${criteria.limit} offset ${criteria.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from inspection_plans where ${where}`.execute(this.db),
    ]);
    return { items: rows.rows.map(toInspectionPlanView), total: Number(count.rows[0].n), limit: criteria.limit, offset: criteria.offset };
  }
}
