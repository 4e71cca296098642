import { Command, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult, DeciderRuntime } from '@regledger/event-store';
import { enterpriseDecider } from '../domain/enterprise.decider.js';
import { enterpriseStreamId } from '../domain/enterprise.events.js';
import type { EnterpriseCommand } from '../domain/enterprise.commands.js';

/** What travels on the command bus: the plain domain command and, from If-Match, the revision expected. */
export abstract class EnterpriseBusCommand<C extends EnterpriseCommand> extends Command<CommandResult> {
  constructor(
    readonly command: C,
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

/** Every enterprise command runs the same way: load the enterprise's stream, decide, append. */
export abstract class EnterpriseCommandHandler<M extends EnterpriseBusCommand<EnterpriseCommand>> implements ICommandHandler<EnterpriseBusCommand<EnterpriseCommand>, CommandResult> {
  constructor(private readonly runtime: DeciderRuntime) {}

  execute(message: M | EnterpriseBusCommand<EnterpriseCommand>): Promise<CommandResult> {
    return this.runtime.handle(enterpriseDecider, enterpriseStreamId(message.command.data.uscc), message.command, {
      expectedRevision: message.expectedRevision,
    });
  }
}
