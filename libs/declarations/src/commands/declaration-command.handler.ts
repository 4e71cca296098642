import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, type CommandMetadata } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId } from '@regledger/enterprises/contracts';
import { declarationDecider, declarationsStreamId, type DeclarationCommand, type DeclarationPolicy, type DeclarationsState, type EnterpriseFacts } from '../domain/index.js';
import { DECLARATION_POLICY } from '../declarations.config.js';

/** What the handler adds to a command: the enterprise as its own stream says now, and the policy values. */
export interface DeclarationContext {
  enterprise: EnterpriseFacts;
  policy: DeclarationPolicy;
}

/**
 * A declaration command on the bus. The enterprise's facts are read from the enterprises context's
 * stream (through its contracts) at decision time, so the decision never rests on a lagging read model.
 */
export class DeclarationBusCommand extends Command<CommandResult> {
  constructor(
    readonly uscc: string,
    readonly metadata: CommandMetadata,
    readonly toCommand: (context: DeclarationContext) => DeclarationCommand,
    /** From If-Match: the version of the declaration the caller saw. */
    readonly expectedVersion?: { declarationId: string; version: number },
  ) {
    super();
  }
}

@CommandHandler(DeclarationBusCommand)
export class DeclarationCommandHandler implements ICommandHandler<DeclarationBusCommand, CommandResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DECLARATION_POLICY) private readonly policy: DeclarationPolicy,
  ) {}

  async execute(message: DeclarationBusCommand): Promise<CommandResult> {
    const enterprise = enterpriseFactsFrom(await this.store.readStream(enterpriseStreamId(message.uscc)));
    const command = message.toCommand({ enterprise: { status: enterprise.status, name: enterprise.name, jurisdiction: enterprise.jurisdiction }, policy: this.policy });
    const expected = message.expectedVersion;
    return this.runtime.handle(declarationDecider, declarationsStreamId(message.uscc), command, {
      fingerprint: declarationRequestFingerprint(command),
      precondition: expected ? (state: DeclarationsState) => assertVersion(state, expected.declarationId, expected.version) : undefined,
    });
  }
}

/**
 * What identifies a declaration request for idempotency: the command's data without the facts the
 * handler adds (the enterprise as read now, the policy values), which may differ on a retry.
 */
export const declarationRequestFingerprint = (command: DeclarationCommand): Record<string, unknown> => {
  const { enterprise: _enterprise, policy: _policy, ...request } = command.data as unknown as Record<string, unknown>;
  return request;
};

/** If-Match on a declaration: refuse a change based on a version that is no longer the current one. */
const assertVersion = (state: DeclarationsState, declarationId: string, version: number): void => {
  const current = state.declarations[declarationId]?.version;
  if (current !== undefined && current !== version) {
    throw new ConflictError('DECLARATION.VERSION_MISMATCH', `declaration ${declarationId} is at version ${current}, not ${version}`, {
      declarationId,
      expected: version,
      actual: current,
    });
  }
};
