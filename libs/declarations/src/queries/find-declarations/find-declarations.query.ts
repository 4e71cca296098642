import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import { jurisdictionPrefix } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { numberKey } from '../../projections/declarations.projection.js';
import { searchable } from '../../domain/index.js';
import { DECLARATION_COLUMNS, toDeclarationSummary, type DeclarationRow, type DeclarationSummary } from '../declaration.view.js';

export interface FindDeclarationsCriteria {
  q?: string;
  uscc?: string;
  standard?: string;
  product?: string;
  category?: string;
  kind?: string;
  jurisdiction?: string;
  status?: string;
  late?: boolean;
  belowRecommended?: boolean;
  asOf?: Date;
  sort: 'declaredOn' | 'standardNumber' | 'enterpriseName' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface DeclarationListPage {
  items: DeclarationSummary[];
  total: number;
  limit: number;
  offset: number;
  asOf: string | null;
}

export class FindDeclarationsQuery extends Query<DeclarationListPage> {
  constructor(readonly criteria: FindDeclarationsCriteria) {
    super();
  }
}

const like = (s: string): string => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SORT: Record<FindDeclarationsCriteria['sort'], string> = {
  declaredOn: 'declared_on',
  standardNumber: 'standard_number',
  enterpriseName: 'enterprise_name',
  updatedAt: 'updated_at',
};

/**
 * The registry as it stood at a past time: each declaration's public state recorded in
 * `declaration_history` for the period the registry showed it, with the columns of `declarations`.
 */
const snapshotAt = (asOf: Date): RawBuilder<unknown> => sql`
  select view->>'declarationId' as declaration_id, view->>'uscc' as uscc, view->>'enterpriseName' as enterprise_name,
    view->>'enterpriseSearch' as enterprise_search, view->>'jurisdiction' as jurisdiction, view->>'status' as status,
    (view->>'version')::int as version, view->>'standardKind' as standard_kind, view->>'standardNumber' as standard_number,
    view->>'standardKey' as standard_key, view->>'standardTitle' as standard_title, (view->>'mandatory')::boolean as mandatory,
    array(select jsonb_array_elements_text(view->'categories')) as categories, view->>'productSearch' as product_search,
    (view->>'productCount')::int as product_count, (view->>'fullTextDisclosed')::boolean as full_text_disclosed, (view->>'belowRecommended')::boolean as below_recommended,
    (view->>'late')::boolean as late, (view->>'declaredOn')::date as declared_on, (view->>'effectiveFrom')::date as effective_from,
    (view->>'abolishedOn')::date as abolished_on, (view->>'lastReviewedOn')::date as last_reviewed_on, (view->>'redeclareDeadline')::date as redeclare_deadline,
    (view->>'redeclarationOverdue')::boolean as redeclaration_overdue, valid_from as updated_at
  from declaration_history
  where valid_from <= ${asOf.toISOString()}::timestamptz and (valid_to is null or valid_to > ${asOf.toISOString()}::timestamptz)`;

@QueryHandler(FindDeclarationsQuery)
export class FindDeclarationsHandler implements IQueryHandler<FindDeclarationsQuery, DeclarationListPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria: c }: FindDeclarationsQuery): Promise<DeclarationListPage> {
    const where: RawBuilder<unknown>[] = [sql`true`];
    if (c.q?.trim()) where.push(sql`enterprise_search like ${like(searchable(c.q))}`);
    if (c.uscc) where.push(sql`uscc = ${c.uscc.trim().toUpperCase()}`);
    if (c.standard?.trim()) where.push(sql`standard_key like ${like(numberKey(c.standard))}`);
    if (c.product?.trim()) where.push(sql`product_search like ${like(searchable(c.product))}`);
    if (c.category) where.push(sql`${c.category} = any(categories)`);
    if (c.kind) where.push(sql`standard_kind = ${c.kind}`);
    if (c.jurisdiction) where.push(sql`jurisdiction like ${`${jurisdictionPrefix(c.jurisdiction)}%`}`);
    if (c.status) where.push(sql`status = ${c.status}`);
    if (c.late !== undefined) where.push(sql`late = ${c.late}`);
    if (c.belowRecommended !== undefined) where.push(sql`below_recommended = ${c.belowRecommended}`);
    const source = c.asOf ? sql`(${snapshotAt(c.asOf)}) as registry` : sql`declarations`;
    const condition = sql.join(where, sql` and `);
    const order = sql.raw(`${SORT[c.sort]} ${c.order === 'asc' ? 'asc' : 'desc'}, declaration_id`);
    const [rows, count] = await Promise.all([
      sql<DeclarationRow>`select ${sql.raw(DECLARATION_COLUMNS)} from ${source} where ${condition} order by ${order} limit ${c.limit} offset ${c.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from ${source} where ${condition}`.execute(this.db),
    ]);
    return {
      items: rows.rows.map(toDeclarationSummary),
      total: Number(count.rows[0].n),
      limit: c.limit,
      offset: c.offset,
      asOf: c.asOf ? c.asOf.toISOString() : null,
    };
  }
}
