import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { policyInForceOn, type CreditPolicy, type ScoringPolicy } from '../../domain/index.js';
import { CREDIT_CONFIG } from '../../credit.config.js';

export interface ScoringPolicyView extends ScoringPolicy {
  publishedOn: string | null;
  inForce: boolean;
}

/** What a new version may hold (the configured limits): points and thresholds within ±points, validity 1–validityMonths or null. */
export interface ScoringPolicyLimitsView {
  points: number;
  validityMonths: number;
}

export interface ScoringPolicyList {
  today: string;
  limits: ScoringPolicyLimitsView;
  items: ScoringPolicyView[];
}

export class ListScoringPoliciesQuery extends Query<ScoringPolicyList> {
  constructor(readonly today: string) {
    super();
  }
}

/** Every version, version 0 (the built-in default) first, with the one in force today marked, and the limits a new version is checked against. */
@QueryHandler(ListScoringPoliciesQuery)
export class ListScoringPoliciesHandler implements IQueryHandler<ListScoringPoliciesQuery, ScoringPolicyList> {
  constructor(
    @Inject(READ_DB) private readonly db: AnyDb,
    @Inject(CREDIT_CONFIG) private readonly config: CreditPolicy,
  ) {}

  async execute({ today }: ListScoringPoliciesQuery): Promise<ScoringPolicyList> {
    const r = await sql<{ version: number; effective_from: string; published_on: string | null; content: Omit<ScoringPolicy, 'version' | 'effectiveFrom'> }>`
      select version, to_char(effective_from, 'YYYY-MM-DD') as effective_from, to_char(published_on, 'YYYY-MM-DD') as published_on, content
      from credit_scoring_policies order by version`.execute(this.db);
    const versions: ScoringPolicy[] = r.rows.map((row) => ({ ...row.content, version: Number(row.version), effectiveFrom: row.effective_from }));
    const inForce = policyInForceOn(versions.filter((v) => v.version > 0), today).version;
    const limits = { points: this.config.scoringPointsLimit, validityMonths: this.config.scoringMaxValidityMonths };
    return { today, limits, items: r.rows.map((row, i) => ({ ...versions[i], publishedOn: row.published_on, inForce: versions[i].version === inForce })) };
  }
}
