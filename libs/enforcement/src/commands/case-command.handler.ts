import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata } from '@regledger/shared';
import { DeciderRuntime, type CommandResult } from '@regledger/event-store';
import { caseDecider, caseStreamId, type CaseCommand } from '../domain/index.js';

/** A case command on the bus: one `case-<caseId>` stream. */
export class CaseBusCommand extends Command<CommandResult> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    /** From If-Match: the stream revision the caller saw. */
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

@CommandHandler(CaseBusCommand)
export class CaseCommandHandler implements ICommandHandler<CaseBusCommand, CommandResult> {
  constructor(private readonly runtime: DeciderRuntime) {}

  execute(message: CaseBusCommand): Promise<CommandResult> {
    return this.runtime.handle(caseDecider, caseStreamId(message.caseId), message.command, { expectedRevision: message.expectedRevision });
  }
}

/** Any case command on the bus. */
export const caseCommand = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], metadata: CommandMetadata, expectedRevision?: bigint): CaseBusCommand =>
  new CaseBusCommand(data.caseId, { type, data, metadata } as CaseCommand, expectedRevision);
