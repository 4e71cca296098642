import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import { NotFoundError, type Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import type { DrawInput, DrawResult } from '../../domain/draw/draw.types.js';
import type { PoolBasis } from '../../domain/plan/plan.events.js';
import { PLAN_ERROR_CODES } from '../../domain/plan/plan.rules.js';
import { isDrawOfficial } from '../../domain/plan/plan-access.policy.js';

/** A recorded draw. The public sees the drawn targets; officials of the plan's jurisdiction also see the inspectors and the full input (domain.md §1, §5). */
export interface DrawView {
  planId: string;
  jurisdiction: string;
  drawnOn: string;
  commitment: string;
  revealedSecret: string;
  poolPosition: string;
  poolHash: string;
  seed: string;
  algorithmVersion: number;
  strata: DrawResult['strata'];
  excluded: DrawResult['excluded'];
  assignments: { uscc: string; productKey?: string; inspectorIds?: string[] }[];
  /** Officials only. */
  input?: DrawInput;
  /** Officials only. */
  poolBasis?: PoolBasis;
}

export class GetDrawQuery extends Query<DrawView> {
  constructor(
    readonly actor: Actor | undefined,
    readonly planId: string,
  ) {
    super();
  }
}

@QueryHandler(GetDrawQuery)
export class GetDrawHandler implements IQueryHandler<GetDrawQuery, DrawView> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ actor, planId }: GetDrawQuery): Promise<DrawView> {
    const r = await sql<{ jurisdiction: string; commitment: string; drawn_on: string | null; draw_input: DrawInput | null; draw_result: DrawResult | null; pool_basis: PoolBasis | null }>`
      select jurisdiction, commitment, to_char(drawn_on, 'YYYY-MM-DD') as drawn_on, draw_input, draw_result, pool_basis from inspection_plans where plan_id = ${planId}`.execute(this.db);
    if (!r.rows.length) throw new NotFoundError(PLAN_ERROR_CODES.NOT_FOUND, `no inspection plan ${planId}`, { planId });
    const row = r.rows[0];
    if (row.draw_input === null || row.draw_result === null || row.drawn_on === null) {
      throw new NotFoundError(PLAN_ERROR_CODES.NOT_DRAWN, `plan ${planId} has not been drawn`, { planId });
    }
    const official = isDrawOfficial(actor, row.jurisdiction);
    const input = row.draw_input;
    const result = row.draw_result;
    return {
      planId,
      jurisdiction: row.jurisdiction,
      drawnOn: row.drawn_on,
      commitment: input.commitment,
      revealedSecret: input.revealedSecret,
      poolPosition: input.poolPosition,
      poolHash: result.poolHash,
      seed: result.seed,
      algorithmVersion: result.algorithmVersion,
      strata: result.strata,
      excluded: result.excluded,
      assignments: result.assignments.map((a) => (official ? a : { uscc: a.uscc, ...(a.productKey === undefined ? {} : { productKey: a.productKey }) })),
      ...(official ? { input, poolBasis: row.pool_basis ?? undefined } : {}),
    };
  }
}
