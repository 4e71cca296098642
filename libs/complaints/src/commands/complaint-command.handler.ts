import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, type CommandMetadata } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId, normaliseUscc } from '@regledger/enterprises/contracts';
import { declarationsStreamId, isDeclarationEvent } from '@regledger/declarations/contracts';
import { COMPLAINT_ERROR_CODES, complaintDecider, complaintStreamId, type ComplaintCommand, type ComplaintState, type IntakeFacts } from '../domain/index.js';

/** What the handler adds to an intake: the enterprise and the named declaration as their own streams say now. */
export interface ComplaintContext {
  intake: IntakeFacts | null;
}

/** What an intake asks the handler to look up in the other contexts. */
export interface IntakeLookup {
  uscc: string;
  declarationId: string | null;
}

/**
 * A complaint command on the bus. At intake the enterprise's registration and the named declaration
 * are read from the enterprises and declarations streams (through their contracts) at decision time,
 * so the decision never rests on a lagging read model.
 */
export class ComplaintBusCommand extends Command<CommandResult> {
  constructor(
    readonly complaintId: string,
    readonly metadata: CommandMetadata,
    readonly toCommand: (context: ComplaintContext) => ComplaintCommand,
    /** From If-Match: the complaint version the caller saw. */
    readonly expectedVersion?: number,
    /** Set for an intake: what to look up before deciding. */
    readonly lookup?: IntakeLookup,
  ) {
    super();
  }
}

@CommandHandler(ComplaintBusCommand)
export class ComplaintCommandHandler implements ICommandHandler<ComplaintBusCommand, CommandResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(message: ComplaintBusCommand): Promise<CommandResult> {
    const streamId = complaintStreamId(message.complaintId);
    // A retry under the same key gets the first answer before anything is read from the other contexts;
    // the fingerprint leaves out the looked-up facts, so it is the same with or without them.
    const request = message.toCommand({ intake: null });
    const fingerprint = complaintRequestFingerprint(request);
    const earlier = await this.runtime.earlierResult(streamId, request, fingerprint);
    if (earlier) return earlier;
    const intake = message.lookup ? await this.intakeFacts(message.lookup) : null;
    const command = intake === null ? request : message.toCommand({ intake });
    const expected = message.expectedVersion;
    return this.runtime.handle(complaintDecider, streamId, command, {
      fingerprint,
      precondition: expected === undefined ? undefined : (state: ComplaintState) => assertVersion(state, message.complaintId, expected),
    });
  }

  /** The enterprise's registration and, when named, whether the declaration is one of that enterprise's. */
  private async intakeFacts(lookup: IntakeLookup): Promise<IntakeFacts> {
    const uscc = normaliseUscc(lookup.uscc);
    const enterprise = enterpriseFactsFrom(await this.store.readStream(enterpriseStreamId(uscc)));
    let declarationFound: boolean | null = null;
    if (lookup.declarationId !== null) {
      const id = lookup.declarationId.trim();
      const events = await this.store.readStream(declarationsStreamId(uscc));
      declarationFound = events.some((e) => isDeclarationEvent(e) && e.type === 'StandardDeclared' && (e.data as { declarationId?: unknown }).declarationId === id);
    }
    return { enterpriseRegistered: enterprise.status !== 'none', enterpriseName: enterprise.name, declarationFound };
  }
}

/**
 * What identifies a complaint request for idempotency: the command's data without the facts the
 * handler adds (the enterprise and declaration as read now), which may differ on a retry.
 */
export const complaintRequestFingerprint = (command: ComplaintCommand): Record<string, unknown> => {
  const { intake: _intake, ...request } = command.data as unknown as Record<string, unknown>;
  return request;
};

/** If-Match on a complaint: refuse a change based on a version that is no longer the current one. */
const assertVersion = (state: ComplaintState, complaintId: string, version: number): void => {
  if (state.version !== 0 && state.version !== version) {
    throw new ConflictError(COMPLAINT_ERROR_CODES.VERSION_MISMATCH, `complaint ${complaintId} is at version ${state.version}, not ${version}`, {
      complaintId,
      expected: version,
      actual: state.version,
    });
  }
};
