import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { policyInForceOn, type ScoringPolicy } from '../../domain/index.js';

export interface ScoringPolicyView extends ScoringPolicy {
  publishedOn: string | null;
  inForce: boolean;
}

export class ListScoringPoliciesQuery extends Query<{ today: string; items: ScoringPolicyView[] }> {
  constructor(readonly today: string) {
    super();
  }
}

/** Every version, version 0 (the built-in default) first, with the one in force today marked. */
@QueryHandler(ListScoringPoliciesQuery)
export class ListScoringPoliciesHandler implements IQueryHandler<ListScoringPoliciesQuery, { today: string; items: ScoringPolicyView[] }> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ today }: ListScoringPoliciesQuery): Promise<{ today: string; items: ScoringPolicyView[] }> {
    const r = await sql<{ version: number; effective_from: string; published_on: string | null; content: Omit<ScoringPolicy, 'version' | 'effectiveFrom'> }>`
      select version, to_char(effective_from, 'YYYY-MM-DD') as effective_from, to_char(published_on, 'YYYY-MM-DD') as published_on, content
      from credit_scoring_policies order by version`.execute(this.db);
    const versions: ScoringPolicy[] = r.rows.map((row) => ({ ...row.content, version: Number(row.version), effectiveFrom: row.effective_from }));
    const inForce = policyInForceOn(versions.filter((v) => v.version > 0), today).version;
    return { today, items: r.rows.map((row, i) => ({ ...versions[i], publishedOn: row.published_on, inForce: versions[i].version === inForce })) };
  }
}
