import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandMetadata, Decider } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId, normaliseUscc } from '@regledger/enterprises/contracts';
import {
  matterDeciderFor,
  matterNotFound,
  matterStreamIdFor,
  matterStreamIdOf,
  validateRecordNonCompliance,
  type EnforcementPolicy,
  type MatterCommand,
  type MatterEvent,
  type MatterStreamState,
  type RecordNonComplianceData,
} from '../domain/index.js';
import { ENFORCEMENT_CONFIG } from '../enforcement.config.js';

/** What the handler reads besides the matter stream: the enterprise, for a non-compliance that names no jurisdiction. */
export interface MatterContext {
  enterpriseJurisdiction: string | null;
}

/**
 * A matter command on the bus. A non-compliance that names no jurisdiction (a declarations fact) takes the
 * enterprise's own, read from its stream at decision time; `toCommand` is pure, so the handler also calls it
 * without facts to learn what identifies the request.
 */
export class MatterBusCommand extends Command<CommandResult> {
  constructor(
    readonly streamId: string,
    readonly metadata: CommandMetadata,
    readonly toCommand: (context: MatterContext) => MatterCommand,
    /** From If-Match: the stream revision the caller saw. */
    readonly expectedRevision?: bigint,
    /** Set when the enterprise's jurisdiction is to be read. */
    readonly enterpriseOf?: string,
  ) {
    super();
  }
}

/** Decides with the enforcement policy loaded from the environment (`ENFORCEMENT_CONFIG`). */
@CommandHandler(MatterBusCommand)
export class MatterCommandHandler implements ICommandHandler<MatterBusCommand, CommandResult> {
  private readonly decider: Decider<MatterCommand, MatterEvent, MatterStreamState>;

  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENFORCEMENT_CONFIG) policy: EnforcementPolicy,
  ) {
    this.decider = matterDeciderFor(policy);
  }

  async execute(message: MatterBusCommand): Promise<CommandResult> {
    const request = message.toCommand({ enterpriseJurisdiction: null });
    const fingerprint = request.data;
    const earlier = await this.runtime.earlierResult(message.streamId, request, fingerprint);
    if (earlier) return earlier;
    let command = request;
    if (message.enterpriseOf !== undefined) {
      const enterprise = enterpriseFactsFrom(await this.store.readStream(enterpriseStreamId(normaliseUscc(message.enterpriseOf))));
      command = message.toCommand({ enterpriseJurisdiction: enterprise.jurisdiction });
    }
    return this.runtime.handle(this.decider, message.streamId, command, { fingerprint, expectedRevision: message.expectedRevision });
  }
}

/** `RecordNonCompliance` on the bus, on the stream of its enterprise and subject; a null jurisdiction is the enterprise's. */
export const recordNonCompliance = (data: RecordNonComplianceData, metadata: CommandMetadata): MatterBusCommand => {
  // The stream follows from the USCC and the subject: invalid input is refused here with the decider's own errors.
  const v = validateRecordNonCompliance({ ...data, jurisdiction: data.jurisdiction ?? '000000' });
  return new MatterBusCommand(
    matterStreamIdFor(v.uscc, v.subject),
    metadata,
    (c) => ({ type: 'RecordNonCompliance', data: { ...data, jurisdiction: data.jurisdiction ?? c.enterpriseJurisdiction }, metadata }),
    undefined,
    data.jurisdiction === null ? v.uscc : undefined,
  );
};

type StepCommand = Exclude<MatterCommand, { type: 'RecordNonCompliance' }>;

/** A step on a matter on the bus: the stream follows from the matter id; an id this context never issued is unknown (404). */
export const matterStep = <T extends StepCommand['type']>(
  type: T,
  data: Extract<StepCommand, { type: T }>['data'],
  metadata: CommandMetadata,
  expectedRevision?: bigint,
): MatterBusCommand => {
  const streamId = matterStreamIdOf(data.matterId);
  if (streamId === null) throw matterNotFound(data.matterId);
  return new MatterBusCommand(streamId, metadata, () => ({ type, data, metadata }) as StepCommand, expectedRevision);
};
