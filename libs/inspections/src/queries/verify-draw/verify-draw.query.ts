import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@regledger/shared';
import { comparePositions, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import type { DrawVerification } from '../../domain/draw/draw.types.js';
import { planStreamId, type InspectionPlanCreatedData, type InspectionsDrawnData } from '../../domain/plan/plan.events.js';
import { PLAN_ERROR_CODES } from '../../domain/plan/plan.rules.js';
import { verifyRecordedDraw } from '../../domain/plan/draw-verification.rules.js';
import { poolParametersOf } from '../../domain/pool/pool.rules.js';
import { PLANNING_CONFIG, type PlanningConfig } from '../../planning.config.js';
import { poolAt, poolOf, positionFromBasis, readLogUpToEvent } from '../../pool-log.js';

export interface DrawVerificationAnswer extends DrawVerification {
  planId: string;
  poolPosition: string;
  poolHash: string;
  /** Events of the log read to rebuild the pool. */
  eventsRead: number;
}

export class VerifyDrawQuery extends Query<DrawVerificationAnswer> {
  constructor(readonly planId: string) {
    super();
  }
}

/** Anyone can verify a draw: the pool is rebuilt from the log itself, not from a read model ("one public", docs/draw-algorithm.md §9). */
@QueryHandler(VerifyDrawQuery)
export class VerifyDrawHandler implements IQueryHandler<VerifyDrawQuery, DrawVerificationAnswer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLANNING_CONFIG) private readonly config: PlanningConfig,
  ) {}

  async execute({ planId }: VerifyDrawQuery): Promise<DrawVerificationAnswer> {
    const history = await this.store.readStream(planStreamId(planId));
    const created = history.find((e) => e.type === 'InspectionPlanCreated');
    if (!created) throw new NotFoundError(PLAN_ERROR_CODES.NOT_FOUND, `no inspection plan ${planId}`, { planId });
    const drawnEvent = history.find((e) => e.type === 'InspectionsDrawn');
    if (!drawnEvent) throw new NotFoundError(PLAN_ERROR_CODES.NOT_DRAWN, `plan ${planId} has not been drawn`, { planId });
    const plan = created.data as InspectionPlanCreatedData;
    const drawn = drawnEvent.data as InspectionsDrawnData;
    const params = poolParametersOf(plan.jurisdiction, drawn.poolBasis);
    const recorded = { planId, poolPosition: drawn.input.poolPosition, poolHash: drawn.result.poolHash };
    const lastEventId = drawn.poolBasis.lastEventId;
    if (lastEventId) {
      // Cut at the recorded event, which a log moved to another store keeps (its positions are new there).
      const log = await readLogUpToEvent(this.store, lastEventId);
      if (log === null) return { ...recorded, eventsRead: 0, matches: false, differences: [`the event the pool ends at (${lastEventId}) is not in the log`] };
      const { pool, eventsRead } = poolOf(log, params);
      return { ...recorded, eventsRead, ...verifyRecordedDraw({ plan, drawn, rebuilt: pool, commitmentPrecedesPool: log.some((e) => e.id === created.id) }) };
    }
    const position = positionFromBasis(drawn.poolBasis.position);
    const { pool, eventsRead } = await poolAt(this.store, position, params, this.config.poolReadTimeoutMs);
    return { ...recorded, eventsRead, ...verifyRecordedDraw({ plan, drawn, rebuilt: pool, commitmentPrecedesPool: comparePositions(created.position, position) <= 0 }) };
  }
}
