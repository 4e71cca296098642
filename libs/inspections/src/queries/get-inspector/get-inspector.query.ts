import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { ForbiddenError, NotFoundError, type Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { INSPECTOR_ERROR_CODES } from '../../domain/inspector/inspector.rules.js';
import { mayReadInspector } from '../../domain/inspector/inspector-access.policy.js';
import { INSPECTOR_COLUMNS, toInspectorView, type InspectorRow, type InspectorView } from '../inspector.view.js';

export class GetInspectorQuery extends Query<InspectorView> {
  constructor(
    readonly actor: Actor,
    readonly inspectorId: string,
  ) {
    super();
  }
}

@QueryHandler(GetInspectorQuery)
export class GetInspectorHandler implements IQueryHandler<GetInspectorQuery, InspectorView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ actor, inspectorId }: GetInspectorQuery): Promise<InspectorView> {
    const r = await sql<InspectorRow>`select ${sql.raw(INSPECTOR_COLUMNS)} from inspectors where inspector_id = ${inspectorId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(INSPECTOR_ERROR_CODES.NOT_FOUND, `no inspector ${inspectorId}`, { inspectorId });
    const view = toInspectorView(r.rows[0]);
    if (!mayReadInspector(actor, view.jurisdiction)) {
      throw new ForbiddenError(INSPECTOR_ERROR_CODES.FORBIDDEN, `a ${actor.role} of ${actor.jurisdiction} may not see an inspector of ${view.jurisdiction}`, { inspectorId });
    }
    return view;
  }
}
