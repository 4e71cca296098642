import type { CommandBus, ICommand } from '@nestjs/cqrs';
import { DomainError } from '@regledger/shared';

/** Refusals that sending the same command again would meet again: the fact does not apply, so the reaction records nothing. */
const PERMANENT = new Set(['validation', 'not_found', 'conflict', 'rule', 'forbidden', 'precondition']);

/**
 * Sends a policy's command. A permanent refusal (the matter closed meanwhile, a USCC the register does not know)
 * is not retried forever: the reaction records nothing. Anything else (the database away) is thrown, and the
 * policy runs again from its checkpoint.
 */
export const sendReaction = async (commandBus: CommandBus, command: ICommand): Promise<void> => {
  try {
    await commandBus.execute(command);
  } catch (e) {
    if (e instanceof DomainError && PERMANENT.has(e.kind)) return;
    throw e;
  }
};
