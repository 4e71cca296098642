import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isRepairGranted } from '@regledger/credit/contracts';
import type { CaseBusCommand } from '../commands/case-command.handler.js';
import { caseCommand } from '../commands/case-command.handler.js';

const POLICY = { name: 'enforcement.publication-ended-on-repair' } as const;

/**
 * A credit repair granted for a penalty publication ends it early (SAMR 2021 No. 3): on `RepairGranted` whose
 * target is a penalty publication, `EndPenaltyPublication` with reason credit_repair on the repair's date.
 * Pure but for the clock `now`.
 */
export const publicationEndedOnRepairCommandsFor = (event: RecordedEvent, now?: Date): CaseBusCommand[] => {
  if (!isRepairGranted(event)) return [];
  const d = event.data;
  const target = d.target as { kind: string; caseId?: string };
  if (target.kind !== 'penalty_publication' || typeof target.caseId !== 'string') return [];
  return [
    caseCommand(
      'EndPenaltyPublication',
      { caseId: target.caseId, reason: 'credit_repair', repairId: d.repairId, on: d.decidedOn },
      systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event), now),
    ),
  ];
};

/** On `RepairGranted` for a penalty publication: end the publication; commands carry `clock`, the engine's clock. */
export const publicationEndedOnRepairPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['RepairGranted'],
  async react(event: RecordedEvent): Promise<void> {
    await sendReactions(commandBus, publicationEndedOnRepairCommandsFor(event, clock()));
  },
});
