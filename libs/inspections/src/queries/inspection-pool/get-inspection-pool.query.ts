import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ForbiddenError, chinaDate, isDivisionCode, jurisdictionCovers, type Actor } from '@regledger/shared';
import type { EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import type { PoolInspector, PoolTarget } from '../../domain/draw/draw.types.js';
import { buildPool } from '../../domain/pool/pool.rules.js';
import { PLANNING_CONFIG, type PlanningConfig } from '../../planning.config.js';
import { committedHead, readLogUpTo } from './pool-log.query.js';

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

/** Who sees the target pool: a supervisor inside its jurisdiction, analysts and admin everywhere (domain.md §1). */
const maySeePool = (actor: Actor, jurisdiction: string): boolean =>
  actor.role === 'admin' || actor.role === 'analyst' || (actor.role === 'supervisor' && isDivisionCode(actor.jurisdiction) && jurisdictionCovers(actor.jurisdiction, jurisdiction));

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
    if (!maySeePool(actor, jurisdiction)) {
      throw new ForbiddenError('INSPECTION_POOL.FORBIDDEN', `a ${actor.role} of ${actor.jurisdiction} may not see the pool of ${jurisdiction}`, { jurisdiction, actorJurisdiction: actor.jurisdiction });
    }
    const asOf = chinaDate(now) as string;
    const head = await committedHead(this.store);
    const log = head === null ? [] : await readLogUpTo(this.store, head, this.config.poolReadTimeoutMs);
    const pool = buildPool(log, { authority: jurisdiction, asOf, standardKinds: null, defaultCreditClass: this.config.defaultCreditClass });
    return {
      jurisdiction,
      position: head === null ? null : `${head.commit}/${head.prepare}`,
      asOf,
      total: pool.targets.length,
      limit,
      offset,
      targets: pool.targets.slice(offset, offset + limit),
      inspectors: pool.inspectors,
    };
  }
}
