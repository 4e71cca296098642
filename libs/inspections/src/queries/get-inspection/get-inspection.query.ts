import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { ForbiddenError, NotFoundError, type Actor } from '@regledger/shared';
import { INSPECTION_ERROR_CODES, mayReadInspection } from '../../domain/inspection/index.js';
import { INSPECTION_COLUMNS, toInspectionView, type InspectionRow, type InspectionView } from '../inspection.view.js';

export class GetInspectionQuery extends Query<InspectionView> {
  constructor(
    readonly inspectionId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** One inspection for officials: supervisors of its authority's jurisdiction, analysts, admin, and its assigned inspectors (domain.md §1). */
@QueryHandler(GetInspectionQuery)
export class GetInspectionHandler implements IQueryHandler<GetInspectionQuery, InspectionView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ inspectionId, actor }: GetInspectionQuery): Promise<InspectionView> {
    const r = await sql<InspectionRow>`select ${sql.raw(INSPECTION_COLUMNS)} from inspections where inspection_id = ${inspectionId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(INSPECTION_ERROR_CODES.NOT_FOUND, `no inspection ${inspectionId}`, { inspectionId });
    const view = toInspectionView(r.rows[0]);
    if (!mayReadInspection(actor, view)) {
      throw new ForbiddenError(INSPECTION_ERROR_CODES.FORBIDDEN, `a ${actor.role} may not read inspection ${inspectionId}`, { inspectionId, role: actor.role });
    }
    return view;
  }
}
