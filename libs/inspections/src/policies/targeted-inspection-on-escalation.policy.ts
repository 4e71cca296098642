import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isComplaintEscalated } from '@regledger/complaints/contracts';
import type { InspectionBusCommand } from '../commands/inspection-command.handler.js';
import { openTargetedInspection } from '../commands/open-targeted-inspection/open-targeted-inspection.command.js';
import { escalatedInspectionIdFor } from '../inspection-id.js';

const POLICY = { name: 'inspections.targeted-on-escalation' } as const;

/**
 * The targeted inspection an escalated complaint or report calls for (domain.md §5, Guangdong plan item 11): on
 * `ComplaintEscalated`, one `OpenTargetedInspection` per complaint, by the complaint's jurisdiction, with the
 * complaint id as the lead's reference. Pure but for the clock `now`: what the policy sends, and what the seed
 * sends in its stead.
 */
export const targetedInspectionOnEscalationCommandsFor = (event: RecordedEvent, now?: Date): InspectionBusCommand[] => {
  if (!isComplaintEscalated(event)) return [];
  const d = event.data;
  return [
    openTargetedInspection(
      {
        inspectionId: escalatedInspectionIdFor(d.complaintId),
        uscc: d.uscc,
        source: d.kind,
        reference: d.complaintId,
        product: d.product,
        description: d.reason,
        inspectorIds: [],
        authority: d.jurisdiction,
      },
      systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event), now),
    ),
  ];
};

/** Complaints and reports trigger targeted inspections outside the random quota: on `ComplaintEscalated`, open one per complaint. */
export const targetedInspectionOnEscalationPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['ComplaintEscalated'],
  async react(event: RecordedEvent): Promise<void> {
    await sendReactions(commandBus, targetedInspectionOnEscalationCommandsFor(event, clock()));
  },
});
