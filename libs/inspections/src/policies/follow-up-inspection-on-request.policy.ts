import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isFollowUpInspectionRequested } from '@regledger/enforcement/contracts';
import type { InspectionBusCommand } from '../commands/inspection-command.handler.js';
import { openFollowUpInspection } from '../commands/open-follow-up-inspection/open-follow-up-inspection.command.js';

const POLICY = { name: 'inspections.follow-up-on-request' } as const;

/**
 * The follow-up inspection an enforcement matter requests after a failed product spot check (SAMR Order 18
 * arts. 44–50): on `FollowUpInspectionRequested`, one `OpenFollowUpInspection` under the id the matter chose, by
 * the matter's authority, for the product that failed. Pure but for the clock `now`.
 */
export const followUpInspectionCommandsFor = (event: RecordedEvent, now?: Date): InspectionBusCommand[] => {
  if (!isFollowUpInspectionRequested(event)) return [];
  const d = event.data;
  return [
    openFollowUpInspection(
      {
        inspectionId: d.inspectionId,
        matterId: d.matterId,
        round: d.round,
        uscc: d.uscc,
        authority: d.jurisdiction,
        product: d.product,
        dueOn: d.dueOn,
      },
      systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event), now),
    ),
  ];
};

/** A matter's follow-up becomes an inspection task: on `FollowUpInspectionRequested`, open it. */
export const followUpInspectionOnRequestPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['FollowUpInspectionRequested'],
  async react(event: RecordedEvent): Promise<void> {
    await sendReactions(commandBus, followUpInspectionCommandsFor(event, clock()));
  },
});
