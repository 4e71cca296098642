import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { searchable } from '../../domain/index.js';

export interface InForceCriteria {
  uscc: string;
  product: string;
  model: string;
  date: string;
}

export interface InForceVersion {
  declarationId: string;
  version: number;
  enterpriseName: string;
  standard: { kind: string; number: string; title: string; mandatory: boolean };
  effectiveFrom: string;
  effectiveTo: string | null;
  recordedAt: string;
  indicators: unknown[];
}

export interface InForceAnswer extends InForceCriteria {
  inForce: InForceVersion[];
}

export class FindDeclarationInForceQuery extends Query<InForceAnswer> {
  constructor(readonly criteria: InForceCriteria) {
    super();
  }
}

/**
 * Which declaration version was in force for a product on a date (domain.md §3: products conform to the
 * declaration in force on their production date): versions covering the product whose effective
 * period [effectiveFrom, effectiveTo) contains the date. Several standards may apply at once.
 */
@QueryHandler(FindDeclarationInForceQuery)
export class FindDeclarationInForceHandler implements IQueryHandler<FindDeclarationInForceQuery, InForceAnswer> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria }: FindDeclarationInForceQuery): Promise<InForceAnswer> {
    const uscc = criteria.uscc.trim().toUpperCase();
    const r = await sql<{
      declaration_id: string;
      version: number;
      enterprise_name: string;
      content: { standard: InForceVersion['standard']; indicators: unknown[] };
      effective_from: string;
      effective_to: string | null;
      recorded_at: Date;
    }>`
      select v.declaration_id, v.version, v.enterprise_name, v.content, to_char(v.effective_from, 'YYYY-MM-DD') as effective_from,
        to_char(v.effective_to, 'YYYY-MM-DD') as effective_to, v.recorded_at
      from declaration_versions v
      where v.uscc = ${uscc}
        and v.effective_from <= ${criteria.date}::date
        and (v.effective_to is null or v.effective_to > ${criteria.date}::date)
        and exists (select 1 from declaration_products p where p.declaration_id = v.declaration_id and p.version = v.version
                    and p.name_key = ${searchable(criteria.product)} and p.model_key = ${searchable(criteria.model)})
      order by v.effective_from desc, v.declaration_id`.execute(this.db);
    return {
      ...criteria,
      uscc,
      inForce: r.rows.map((v) => ({
        declarationId: v.declaration_id,
        version: Number(v.version),
        enterpriseName: v.enterprise_name,
        standard: {
          kind: v.content.standard.kind,
          number: v.content.standard.number,
          title: v.content.standard.title,
          mandatory: v.content.standard.mandatory,
        },
        effectiveFrom: v.effective_from,
        effectiveTo: v.effective_to,
        recordedAt: new Date(v.recorded_at).toISOString(),
        indicators: v.content.indicators,
      })),
    };
  }
}
