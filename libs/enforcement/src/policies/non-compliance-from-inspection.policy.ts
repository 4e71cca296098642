import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isInspectionCompleted } from '@regledger/inspections/contracts';
import type { FollowUpOutcome, MatterSubjectInput } from '../domain/index.js';
import type { MatterBusCommand } from '../commands/matter-command.handler.js';
import { matterStep, recordNonCompliance } from '../commands/matter-command.handler.js';

const POLICY = { name: 'enforcement.non-compliance-from-inspection' } as const;

/** The follow-up origin of an inspection a matter ordered, read from the event as recorded. */
const followUpOrigin = (origin: unknown): { matterId: string; round: number } | null => {
  const o = origin as { type?: unknown; matterId?: unknown; round?: unknown } | null;
  return o !== null && o.type === 'follow_up' && typeof o.matterId === 'string' && typeof o.round === 'number' ? { matterId: o.matterId, round: o.round } : null;
};

/**
 * What an inspection's outcome means for enforcement (SAMR Order 18 arts. 44–50; Standardization Law art. 38):
 * a follow-up inspection a matter ordered records its result on the matter; a random or targeted inspection that
 * found the product non-conforming records a failed inspection on the product's matter, and one that found no
 * declaration records a missing declaration (on the product's matter when a product is known, else on the
 * enterprise's declaration duties). Pure but for the clock `now`.
 */
export const nonComplianceFromInspectionCommandsFor = (event: RecordedEvent, now?: Date): MatterBusCommand[] => {
  if (!isInspectionCompleted(event)) return [];
  const d = event.data;
  const metadata = systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event), now);
  const followUp = followUpOrigin(d.origin);
  if (followUp !== null) {
    return [
      matterStep(
        'RecordFollowUpResult',
        { matterId: followUp.matterId, round: followUp.round, inspectionId: d.inspectionId, outcome: d.outcome as FollowUpOutcome, completedOn: d.completedOn, sourceEventId: event.id },
        metadata,
      ),
    ];
  }
  const kind = d.outcome === 'non_conforming' ? 'failed_inspection' : d.outcome === 'no_declaration' ? 'missing_declaration' : null;
  if (kind === null) return [];
  const subject: MatterSubjectInput = d.product === null ? { kind: 'enterprise' } : { kind: 'product', product: { name: d.product.name, model: d.product.model }, productKey: d.productKey };
  return [
    recordNonCompliance(
      {
        uscc: d.uscc,
        jurisdiction: d.authority,
        subject,
        trigger: { kind, sourceEventId: event.id, sourceStreamId: event.streamId, reference: d.inspectionId, occurredOn: d.completedOn, description: d.note },
      },
      metadata,
    ),
  ];
};

/** On `InspectionCompleted`: record the non-compliance, or the follow-up's result; commands carry `clock`, the engine's clock. */
export const nonComplianceFromInspectionPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['InspectionCompleted'],
  async react(event: RecordedEvent): Promise<void> {
    let commands: MatterBusCommand[] = [];
    try {
      commands = nonComplianceFromInspectionCommandsFor(event, clock());
    } catch {
      // An event this context cannot make a valid non-compliance of (no valid USCC, no matter id of ours) records nothing.
      return;
    }
    await sendReactions(commandBus, commands);
  },
});
