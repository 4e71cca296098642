import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DeciderRuntime, type CommandResult } from '@regledger/event-store';
import { inspectorDecider } from '../domain/inspector/inspector.decider.js';
import { inspectorStreamId } from '../domain/inspector/inspector.events.js';
import type { InspectorCommand } from '../domain/inspector/inspector.commands.js';

/** An inspector command on the bus, with the revision expected from If-Match. */
export class InspectorBusCommand extends Command<CommandResult> {
  constructor(
    readonly command: InspectorCommand,
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

/** Every inspector command runs the same way: load the inspector's stream, decide, append. */
@CommandHandler(InspectorBusCommand)
export class InspectorCommandHandler implements ICommandHandler<InspectorBusCommand, CommandResult> {
  constructor(private readonly runtime: DeciderRuntime) {}

  execute(message: InspectorBusCommand): Promise<CommandResult> {
    return this.runtime.handle(inspectorDecider, inspectorStreamId(message.command.data.inspectorId), message.command, { expectedRevision: message.expectedRevision });
  }
}
