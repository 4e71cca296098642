import type { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@regledger/event-store';
import { idempotencyKeyFor, systemMetadata, type Policy } from '@regledger/read-models';
import { isEnterpriseRenamed } from '@regledger/enterprises/contracts';
import { requireRedeclaration } from '../commands/require-redeclaration/require-redeclaration.command.js';

/**
 * A renamed enterprise must declare every active standard again under its new name (domain.md §3,
 * Guangdong plan): on `EnterpriseRenamed`, mark them "to be re-declared" with a deadline.
 */
/** The policy's name: its checkpoint, its actor (`system:<name>`) and the prefix of its idempotency keys. */
export const REDECLARATION_ON_RENAME_POLICY = 'declarations.redeclaration-on-rename';

export const redeclarationOnRenamePolicy = (commandBus: CommandBus, clock: () => Date): Policy => {
  const policy: Policy = {
    name: REDECLARATION_ON_RENAME_POLICY,
    handles: ['EnterpriseRenamed'],
    async react(event: RecordedEvent): Promise<void> {
      if (!isEnterpriseRenamed(event)) return;
      const d = event.data;
      await commandBus.execute(
        requireRedeclaration(
          { uscc: d.uscc, previousName: d.previousName, newName: d.newName, renamedOn: d.effectiveDate, sourceEventId: event.id },
          systemMetadata(policy.name, event, idempotencyKeyFor(policy, event), clock()),
        ),
      );
    },
  };
  return policy;
};
