import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, sendReactions, systemMetadata, type Policy } from '@regledger/read-models';
import { isDeclarationMarkedLate, isRedeclarationOverdue } from '@regledger/declarations/contracts';
import { chinaDate } from '@regledger/shared';
import type { MatterBusCommand } from '../commands/matter-command.handler.js';
import { recordNonCompliance } from '../commands/matter-command.handler.js';

const POLICY = { name: 'enforcement.non-compliance-from-declarations' } as const;

/**
 * A declaration made late, or a re-declaration after a rename not made in time, is a failure of the enterprise's
 * declaration duties (Standardization Law arts. 27, 38): recorded on its enterprise matter, handled by the
 * enterprise's own authority (read from its register stream at decision time). Pure but for the clock `now`.
 */
export const nonComplianceFromDeclarationsCommandsFor = (event: RecordedEvent, now?: Date): MatterBusCommand[] => {
  const metadata = systemMetadata(POLICY.name, event, idempotencyKeyFor(POLICY, event), now);
  const trigger = { sourceEventId: event.id, sourceStreamId: event.streamId };
  if (isDeclarationMarkedLate(event)) {
    const d = event.data;
    // The day it was declared (on the clock that declared it); the day it was recorded only if no reason says.
    const occurredOn = d.reasons[0]?.declaredOn ?? (chinaDate(event.recordedAt.toISOString()) as string);
    return [
      recordNonCompliance(
        {
          uscc: d.uscc,
          jurisdiction: null,
          subject: { kind: 'enterprise' },
          trigger: { ...trigger, kind: 'late_declaration', reference: d.declarationId, occurredOn, description: `declared late: ${d.reasons.map((r) => r.rule).join(', ')}` },
        },
        metadata,
      ),
    ];
  }
  if (isRedeclarationOverdue(event)) {
    const d = event.data;
    return [
      recordNonCompliance(
        {
          uscc: d.uscc,
          jurisdiction: null,
          subject: { kind: 'enterprise' },
          trigger: { ...trigger, kind: 'redeclaration_overdue', reference: d.declarationId, occurredOn: d.recordedOn, description: `re-declaration was due by ${d.deadline}` },
        },
        metadata,
      ),
    ];
  }
  return [];
};

/** On `DeclarationMarkedLate` and `RedeclarationOverdue`: record the non-compliance on the enterprise matter; commands carry `clock`, the engine's clock. */
export const nonComplianceFromDeclarationsPolicy = (commandBus: CommandBus, clock: () => Date): Policy => ({
  name: POLICY.name,
  handles: ['DeclarationMarkedLate', 'RedeclarationOverdue'],
  async react(event: RecordedEvent): Promise<void> {
    let commands: MatterBusCommand[] = [];
    try {
      commands = nonComplianceFromDeclarationsCommandsFor(event, clock());
    } catch {
      return;
    }
    await sendReactions(commandBus, commands);
  },
});
