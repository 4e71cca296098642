import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { jurisdictionPrefix } from '@regledger/shared';
import type { InspectionResultOutcome } from '../../domain/inspection/index.js';

/** A published inspection result as the public reads it: no inspector identities, no findings' working notes. */
export interface PublishedInspectionResult {
  inspectionId: string;
  uscc: string;
  enterpriseName: string | null;
  product: { name: string; model: string } | null;
  outcome: InspectionResultOutcome;
  /** random (double-random draw) or targeted. */
  inspectionType: 'random' | 'targeted' | 'follow_up';
  /** The declared standard judged against, when there was one. */
  standardNumber: string | null;
  nonConformingIndicators: string[];
  completedOn: string;
  publishedOn: string;
  /** Division code of the inspecting authority. */
  authority: string;
}

export interface PublishedResultsPage {
  items: PublishedInspectionResult[];
  total: number;
  limit: number;
  offset: number;
}

export class FindInspectionResultsQuery extends Query<PublishedResultsPage> {
  constructor(readonly criteria: { uscc?: string; outcome?: string; jurisdiction?: string; limit: number; offset: number }) {
    super();
  }
}

/** The public list of published results (double-random, one-public: SAMR 2019 No. 38; Enterprise Information Publicity Regulations art. 6). */
@QueryHandler(FindInspectionResultsQuery)
export class FindInspectionResultsHandler implements IQueryHandler<FindInspectionResultsQuery, PublishedResultsPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria: c }: FindInspectionResultsQuery): Promise<PublishedResultsPage> {
    const where: RawBuilder<unknown>[] = [sql`published_on is not null`];
    if (c.uscc !== undefined) where.push(sql`uscc = ${c.uscc.trim().toUpperCase()}`);
    if (c.outcome !== undefined) where.push(sql`outcome = ${c.outcome}`);
    if (c.jurisdiction !== undefined) where.push(sql`authority like ${`${jurisdictionPrefix(c.jurisdiction)}%`}`);
    const filter = sql.join(where, sql` and `);
    const total = await sql<{ n: string }>`select count(*)::text as n from inspections where ${filter}`.execute(this.db);
    const rows = await sql<{
      inspection_id: string;
      uscc: string;
      enterprise_name: string | null;
      product_name: string | null;
      product_model: string | null;
      outcome: InspectionResultOutcome;
      origin_type: 'random' | 'targeted' | 'follow_up';
      declaration: { standardNumber?: string } | null;
      non_conforming_indicators: string[];
      completed_on: string;
      published_on: string;
      authority: string;
    }>`select inspection_id, uscc, enterprise_name, product_name, product_model, outcome, origin_type, declaration, non_conforming_indicators,
        to_char(completed_on, 'YYYY-MM-DD') as completed_on, to_char(published_on, 'YYYY-MM-DD') as published_on, authority
      from inspections where ${filter} order by published_on desc, inspection_id limit ${c.limit} offset ${c.offset}`.execute(this.db);
    return {
      items: rows.rows.map((r) => ({
        inspectionId: r.inspection_id,
        uscc: r.uscc,
        enterpriseName: r.enterprise_name,
        product: r.product_name === null ? null : { name: r.product_name, model: r.product_model ?? '' },
        outcome: r.outcome,
        inspectionType: r.origin_type,
        standardNumber: r.declaration?.standardNumber ?? null,
        nonConformingIndicators: r.non_conforming_indicators,
        completedOn: r.completed_on,
        publishedOn: r.published_on,
        authority: r.authority,
      })),
      total: Number(total.rows[0].n),
      limit: c.limit,
      offset: c.offset,
    };
  }
}
