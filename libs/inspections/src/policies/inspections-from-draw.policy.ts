import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isInspectionsDrawn } from '../contracts/planning.contracts.js';
import type { InspectionBusCommand } from '../commands/inspection-command.handler.js';
import { openDrawnInspection } from '../commands/open-drawn-inspection/open-drawn-inspection.command.js';
import { drawnInspectionIdFor } from '../inspection-id.js';

const POLICY = { name: 'inspections.tasks-from-draw' } as const;

/**
 * The tasks a draw orders (SAMR 2019 No. 38): one `OpenDrawnInspection` per assignment of `InspectionsDrawn`, in the
 * draw's order, each with an id derived from the plan and the target, so a replay creates nothing new. Pure but for
 * the clock `now`: what the policy sends, and what the seed sends in its stead.
 */
export const inspectionsFromDrawCommandsFor = (event: RecordedEvent, now?: Date): InspectionBusCommand[] => {
  if (!isInspectionsDrawn(event)) return [];
  const d = event.data;
  return d.result.assignments.map((a) => {
    const inspectionId = drawnInspectionIdFor(d.planId, a.uscc);
    return openDrawnInspection(
      { inspectionId, planId: d.planId, authority: d.jurisdiction, uscc: a.uscc, productKey: a.productKey ?? null, inspectorIds: [...a.inspectorIds] },
      systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event, inspectionId), now),
    );
  });
};

/** Targets and inspectors drawn at random become inspection tasks (SAMR 2019 No. 38): on `InspectionsDrawn`, one task per assignment. */
export const inspectionsFromDrawPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['InspectionsDrawn'],
  async react(event: RecordedEvent): Promise<void> {
    await sendReactions(commandBus, inspectionsFromDrawCommandsFor(event, clock()));
  },
});
