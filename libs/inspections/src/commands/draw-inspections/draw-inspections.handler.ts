import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { checkCommandDate, fold, throwIfFieldErrors, type CommandMetadata, type FieldError } from '@regledger/shared';
import { DeciderRuntime, comparePositions, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { planDecider } from '../../domain/plan/plan.decider.js';
import { planStreamId, type PlanEvent, type PlanScope } from '../../domain/plan/plan.events.js';
import { PLAN_ERROR_CODES, assertDrawable, assertKnownPlan, assertSecretOpensCommitment } from '../../domain/plan/plan.rules.js';
import { assertPlanJurisdiction, assertRoleMayManagePlans } from '../../domain/plan/plan-access.policy.js';
import type { DrawInspections } from '../../domain/plan/plan.commands.js';
import type { PoolBasis } from '../../domain/plan/plan.events.js';
import { POOL_BUILDER_VERSION, poolParametersOf } from '../../domain/pool/pool.rules.js';
import { PLANNING_CONFIG, type PlanningConfig } from '../../planning.config.js';
import { committedHead, poolAt, positionToBasis } from '../../pool-log.js';

/** Reveal the secret and draw: the handler fixes the pool at the committed head of the log first. */
export class DrawInspectionsCommand extends Command<CommandResult> {
  constructor(
    readonly planId: string,
    readonly revealedSecret: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

/**
 * The draw (SAMR 2019 No. 38; docs/draw-algorithm.md §11): checks who may draw and the secret on the plan's stream, fixes the pool
 * at the committed head of the log (after the plan's creation event), builds the pool from the log up to that position, then lets
 * the plan decider run the draw and record `InspectionsDrawn`. The append expects the plan's stream revision it read, so two
 * concurrent draws cannot both succeed.
 */
@CommandHandler(DrawInspectionsCommand)
export class DrawInspectionsHandler implements ICommandHandler<DrawInspectionsCommand, CommandResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLANNING_CONFIG) private readonly config: PlanningConfig,
  ) {}

  async execute(message: DrawInspectionsCommand): Promise<CommandResult> {
    const { planId, revealedSecret, metadata } = message;
    const streamId = planStreamId(planId);
    // A retry under the same key is the same request whatever the pool holds by then: it gets the first answer.
    const fingerprint = { planId, revealedSecret };
    const earlier = await this.runtime.earlierResult(streamId, { type: 'DrawInspections', data: fingerprint, metadata }, fingerprint);
    if (earlier) return earlier;
    const history = await this.store.readStream(streamId);
    const state = fold(planDecider, history.map((e) => ({ type: e.type, data: e.data }) as PlanEvent));
    // The cheap refusals come before the whole log is read; the decider checks them again.
    assertRoleMayManagePlans(metadata.actor);
    assertKnownPlan(state, planId);
    assertPlanJurisdiction(metadata.actor, state.jurisdiction as string);
    assertDrawable(state, planId);
    assertSecretOpensCommitment(revealedSecret, state.commitment as string, planId);
    const errors: FieldError[] = [];
    const asOf = checkCommandDate(metadata.now, errors);
    throwIfFieldErrors(errors, PLAN_ERROR_CODES.VALIDATION_FAILED);

    const head = await committedHead(this.store);
    const created = history[0];
    if (head === null || created === undefined) throw new Error(`plan ${planId} has events but the log has no head`);
    const scope = state.scope as PlanScope;
    const basis: PoolBasis = { position: positionToBasis(head), builderVersion: POOL_BUILDER_VERSION, asOf, standardKinds: scope.standardKinds, defaultCreditClass: this.config.defaultCreditClass };
    const { pool, lastEventId } = await poolAt(this.store, head, poolParametersOf(state.jurisdiction as string, basis), this.config.poolReadTimeoutMs);
    basis.lastEventId = lastEventId;
    // The head is read after the plan's creation event, so this holds here; the decider still checks it, and the verification
    // (GET /inspection-plans/:id/draw/verify) is what can report a pool fixed before the commitment in a recorded draw.
    const commitmentPrecedesPool = comparePositions(created.position, head) <= 0;
    const command: DrawInspections = {
      type: 'DrawInspections',
      data: { planId, revealedSecret, pool: { basis, targets: pool.targets, inspectors: pool.inspectors, commitmentPrecedesPool } },
      metadata,
    };
    return this.runtime.handle(planDecider, streamId, command, {
      expectedRevision: history.length ? history[history.length - 1].revision : null,
      fingerprint,
    });
  }
}
