import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { PLAN_ERROR_CODES } from '../../domain/plan/plan.rules.js';
import { PLAN_COLUMNS, toInspectionPlanView, type InspectionPlanRow, type InspectionPlanView } from '../inspection-plan.view.js';

export class GetInspectionPlanQuery extends Query<InspectionPlanView> {
  constructor(readonly planId: string) {
    super();
  }
}

@QueryHandler(GetInspectionPlanQuery)
export class GetInspectionPlanHandler implements IQueryHandler<GetInspectionPlanQuery, InspectionPlanView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ planId }: GetInspectionPlanQuery): Promise<InspectionPlanView> {
    const r = await sql<InspectionPlanRow>`select ${sql.raw(PLAN_COLUMNS)} from inspection_plans where plan_id = ${planId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(PLAN_ERROR_CODES.NOT_FOUND, `no inspection plan ${planId}`, { planId });
    return toInspectionPlanView(r.rows[0]);
  }
}
