import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { ForbiddenError, jurisdictionPrefix, type Actor } from '@regledger/shared';
import { INSPECTION_ERROR_CODES } from '../../domain/inspection/index.js';
import { INSPECTION_COLUMNS, toInspectionView, type InspectionRow, type InspectionView } from '../inspection.view.js';

export interface InspectionCriteria {
  status?: string;
  inspectorId?: string;
  uscc?: string;
  planId?: string;
  origin?: string;
  jurisdiction?: string;
  limit: number;
  offset: number;
}

export interface InspectionListPage {
  items: InspectionView[];
  total: number;
  limit: number;
  offset: number;
}

export class FindInspectionsQuery extends Query<InspectionListPage> {
  constructor(
    readonly criteria: InspectionCriteria,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The inspections an official may see (domain.md §1): supervisors their jurisdiction's, inspectors their own tasks, analysts and admin all. */
@QueryHandler(FindInspectionsQuery)
export class FindInspectionsHandler implements IQueryHandler<FindInspectionsQuery, InspectionListPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria: c, actor }: FindInspectionsQuery): Promise<InspectionListPage> {
    const where: RawBuilder<unknown>[] = [sql`true`];
    if (actor.role === 'inspector') {
      if (c.inspectorId !== undefined && c.inspectorId !== actor.id) {
        throw new ForbiddenError(INSPECTION_ERROR_CODES.FORBIDDEN, "an inspector sees its own tasks only, not another inspector's", { inspectorId: c.inspectorId });
      }
      where.push(sql`inspector_ids ? ${actor.id}`);
    } else if (actor.role === 'supervisor') {
      where.push(sql`authority like ${`${jurisdictionPrefix(actor.jurisdiction)}%`}`);
    }
    if (c.inspectorId !== undefined) where.push(sql`inspector_ids ? ${c.inspectorId}`);
    if (c.status !== undefined) where.push(sql`status = ${c.status}`);
    if (c.uscc !== undefined) where.push(sql`uscc = ${c.uscc.trim().toUpperCase()}`);
    if (c.planId !== undefined) where.push(sql`plan_id = ${c.planId}`);
    if (c.origin !== undefined) where.push(sql`origin_type = ${c.origin}`);
    if (c.jurisdiction !== undefined) where.push(sql`authority like ${`${jurisdictionPrefix(c.jurisdiction)}%`}`);
    const filter = sql.join(where, sql` and `);
    const total = await sql<{ n: string }>`select count(*)::text as n from inspections where ${filter}`.execute(this.db);
    const rows = await sql<InspectionRow>`select ${sql.raw(INSPECTION_COLUMNS)} from inspections where ${filter}
      order by opened_on desc, inspection_id limit ${c.limit} offset ${c.offset}`.execute(this.db);
    return { items: rows.rows.map(toInspectionView), total: Number(total.rows[0].n), limit: c.limit, offset: c.offset };
  }
}
