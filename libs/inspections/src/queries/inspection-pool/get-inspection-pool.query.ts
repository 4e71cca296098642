import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { chinaDate, type Actor } from '@regledger/shared';
import type { EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import type { PoolInspector, PoolTarget } from '../../domain/draw/draw.types.js';
import { assertMayReadPool } from '../../domain/plan/plan-access.policy.js';
import { POOL_BUILDER_VERSION, poolPositionText } from '../../domain/pool/pool.rules.js';
import { PLANNING_CONFIG, type PlanningConfig } from '../../planning.config.js';
import { committedHead, poolAt, positionToBasis } from '../../pool-log.js';

export interface InspectionPoolPage {
  jurisdiction: string;
  /** The log position the pool was read at, `<commit>/<prepare>`, or null for an empty log. */
  position: string | null;
  /** YYYY-MM-DD: the date declarations in force are judged at. */
  asOf: string;
  total: number;
  limit: number;
  offset: number;
  targets: PoolTarget[];
  inspectors: PoolInspector[];
}

export class GetInspectionPoolQuery extends Query<InspectionPoolPage> {
  constructor(
    readonly actor: Actor,
    readonly jurisdiction: string,
    readonly limit: number,
    readonly offset: number,
    /** ISO 8601 instant the pool is described at (the request's time). */
    readonly now: string = new Date().toISOString(),
  ) {
    super();
  }
}

/**
 * The target and inspector pools of an authority as the log holds them now, built by the same pool builder the draw uses, with no
 * plan scope and the configured default credit class (docs/inspection-planning.md). Read from the log, so it costs one pass over it.
 */
@QueryHandler(GetInspectionPoolQuery)
export class GetInspectionPoolHandler implements IQueryHandler<GetInspectionPoolQuery, InspectionPoolPage> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLANNING_CONFIG) private readonly config: PlanningConfig,
  ) {}

  async execute({ actor, jurisdiction, limit, offset, now }: GetInspectionPoolQuery): Promise<InspectionPoolPage> {
    assertMayReadPool(actor, jurisdiction);
    const asOf = chinaDate(now) as string;
    const head = await committedHead(this.store);
    const { pool } = await poolAt(this.store, head, { authority: jurisdiction, asOf, standardKinds: null, defaultCreditClass: this.config.defaultCreditClass, builderVersion: POOL_BUILDER_VERSION }, this.config.poolReadTimeoutMs);
    return {
      jurisdiction,
      position: head === null ? null : poolPositionText(positionToBasis(head)),
      asOf,
      total: pool.targets.length,
      limit,
      offset,
      targets: pool.targets.slice(offset, offset + limit),
      inspectors: pool.inspectors,
    };
  }
}
