import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, Decider } from '@regledger/shared';
import { DeciderRuntime, type CommandResult } from '@regledger/event-store';
import { caseDeciderFor, caseStreamId, type CaseCommand, type CaseEvent, type CaseStreamState, type EnforcementPolicy } from '../domain/index.js';
import { ENFORCEMENT_CONFIG } from '../enforcement.config.js';

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

/** Decides with the enforcement policy loaded from the environment (`ENFORCEMENT_CONFIG`). */
@CommandHandler(CaseBusCommand)
export class CaseCommandHandler implements ICommandHandler<CaseBusCommand, CommandResult> {
  private readonly decider: Decider<CaseCommand, CaseEvent, CaseStreamState>;

  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(ENFORCEMENT_CONFIG) policy: EnforcementPolicy,
  ) {
    this.decider = caseDeciderFor(policy);
  }

  execute(message: CaseBusCommand): Promise<CommandResult> {
    return this.runtime.handle(this.decider, caseStreamId(message.caseId), message.command, { expectedRevision: message.expectedRevision });
  }
}

/** Any case command on the bus. */
export const caseCommand = <T extends CaseCommand['type']>(type: T, data: Extract<CaseCommand, { type: T }>['data'], metadata: CommandMetadata, expectedRevision?: bigint): CaseBusCommand =>
  new CaseBusCommand(data.caseId, { type, data, metadata } as CaseCommand, expectedRevision);
