import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, systemMetadata, type Policy } from '@regledger/read-models';
import { isComplaintEscalated } from '@regledger/complaints/contracts';
import { openTargetedInspection } from '../commands/open-targeted-inspection/open-targeted-inspection.command.js';
import { escalatedInspectionIdFor } from '../inspection-id.js';

/**
 * Complaints and reports trigger targeted inspections outside the random quota (domain.md §5, Guangdong plan
 * item 11): on `ComplaintEscalated`, open one targeted inspection per complaint, by the complaint's
 * jurisdiction, with the complaint id as the lead's reference.
 */
export const targetedInspectionOnEscalationPolicy = (commandBus: CommandBus): Policy => {
  const policy: Policy = {
    name: 'inspections.targeted-on-escalation',
    handles: ['ComplaintEscalated'],
    async react(event: RecordedEvent): Promise<void> {
      if (!isComplaintEscalated(event)) return;
      const d = event.data;
      const inspectionId = escalatedInspectionIdFor(d.complaintId);
      await commandBus.execute(
        openTargetedInspection(
          {
            inspectionId,
            uscc: d.uscc,
            source: d.kind,
            reference: d.complaintId,
            product: d.product,
            description: d.reason,
            inspectorIds: [],
            authority: d.jurisdiction,
          },
          systemMetadata(policy.name, event, idempotencyKeyFor(policy, event)),
        ),
      );
    },
  };
  return policy;
};
