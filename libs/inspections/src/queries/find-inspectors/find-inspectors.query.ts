import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { ForbiddenError, jurisdictionPrefix, type Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { INSPECTOR_ERROR_CODES } from '../../domain/inspector/inspector.rules.js';
import { mayReadInspector, readsEveryInspector } from '../../domain/inspector/inspector-access.policy.js';
import { INSPECTOR_COLUMNS, toInspectorView, type InspectorRow, type InspectorView } from '../inspector.view.js';

/** The division code that covers every jurisdiction (GB/T 2260: the whole country). */
const NATIONWIDE = '000000';

export interface FindInspectorsCriteria {
  /** A division code: `440000` lists every `44xxxx`; defaults to the actor's jurisdiction. */
  jurisdiction?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export interface InspectorPage {
  items: InspectorView[];
  total: number;
  limit: number;
  offset: number;
}

export class FindInspectorsQuery extends Query<InspectorPage> {
  constructor(
    readonly actor: Actor,
    readonly criteria: FindInspectorsCriteria,
  ) {
    super();
  }
}

/** The inspector pool of a jurisdiction; officials see only inside their own jurisdiction, analysts and admin everywhere (domain.md §1). */
@QueryHandler(FindInspectorsQuery)
export class FindInspectorsHandler implements IQueryHandler<FindInspectorsQuery, InspectorPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ actor, criteria }: FindInspectorsQuery): Promise<InspectorPage> {
    const jurisdiction = criteria.jurisdiction ?? (readsEveryInspector(actor) ? NATIONWIDE : actor.jurisdiction);
    if (!mayReadInspector(actor, jurisdiction)) {
      throw new ForbiddenError(INSPECTOR_ERROR_CODES.FORBIDDEN, `a ${actor.role} of ${actor.jurisdiction} may not list inspectors of ${jurisdiction}`, { jurisdiction });
    }
    const conditions = [sql`jurisdiction like ${`${jurisdictionPrefix(jurisdiction)}%`}`];
    if (criteria.active !== undefined) conditions.push(sql`active = ${criteria.active}`);
    const where = sql.join(conditions, sql` and `);
    const [rows, count] = await Promise.all([
      sql<InspectorRow>`select ${sql.raw(INSPECTOR_COLUMNS)} from inspectors where ${where} order by inspector_id limit ${criteria.limit} offset ${criteria.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from inspectors where ${where}`.execute(this.db),
    ]);
    return { items: rows.rows.map(toInspectorView), total: Number(count.rows[0].n), limit: criteria.limit, offset: criteria.offset };
  }
}
