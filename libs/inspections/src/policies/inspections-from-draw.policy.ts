import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, systemMetadata, type Policy } from '@regledger/read-models';
import type { InspectionsDrawnData } from '../domain/plan/plan.events.js';
import { openDrawnInspection } from '../commands/open-drawn-inspection/open-drawn-inspection.command.js';
import { drawnInspectionIdFor } from '../inspection-id.js';

const isInspectionsDrawn = (e: RecordedEvent): e is RecordedEvent<InspectionsDrawnData> => e.type === 'InspectionsDrawn';

/**
 * Targets and inspectors drawn at random become inspection tasks (SAMR 2019 No. 38): on `InspectionsDrawn`,
 * one task per assignment, with an id derived from the plan and the target, so a replay creates nothing new.
 */
export const inspectionsFromDrawPolicy = (commandBus: CommandBus): Policy => {
  const policy: Policy = {
    name: 'inspections.tasks-from-draw',
    handles: ['InspectionsDrawn'],
    async react(event: RecordedEvent): Promise<void> {
      if (!isInspectionsDrawn(event)) return;
      const d = event.data;
      for (const a of d.result.assignments) {
        const inspectionId = drawnInspectionIdFor(d.planId, a.uscc);
        await commandBus.execute(
          openDrawnInspection(
            { inspectionId, planId: d.planId, authority: d.jurisdiction, uscc: a.uscc, productKey: a.productKey ?? null, inspectorIds: [...a.inspectorIds] },
            systemMetadata(policy.name, event, idempotencyKeyFor(policy, event, inspectionId)),
          ),
        );
      }
    },
  };
  return policy;
};
