import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, fold, type CommandMetadata } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { enterpriseFactsFrom, enterpriseStreamId, normaliseUscc } from '@regledger/enterprises/contracts';
import { complaintStreamId } from '@regledger/complaints/contracts';
import {
  CREDIT_ERROR_CODES,
  SCORING_POLICY_STREAM,
  creditRecordDecider,
  creditStreamId,
  scoringPoliciesFrom,
  scoringPolicyDeciderWith,
  type CreditCommand,
  type CreditPolicy,
  type CreditEvent,
  type CreditFacts,
  type CreditRecordState,
  type ScoringPolicyCommand,
} from '../domain/index.js';
import { caseStreamId, isPenaltyPublished } from '@regledger/enforcement/contracts';
import { CREDIT_CONFIG } from '../credit.config.js';

/** The facts a command is first built with, to check for an earlier answer before anything is read. */
const NO_FACTS: CreditFacts = Object.freeze({ policies: [], enterprise: null }) as unknown as CreditFacts;

/**
 * A command on an enterprise's credit record. The handler reads, at decision time, the scoring policy
 * versions, the enterprise as registered and, for a repair decision on a penalty publication, the day
 * enforcement published the penalty — never a read model.
 */
export class CreditBusCommand extends Command<CommandResult> {
  constructor(
    readonly uscc: string,
    readonly metadata: CommandMetadata,
    readonly toCommand: (facts: CreditFacts) => CreditCommand,
    /** From If-Match: the record version the caller saw. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

/** A complaint closed with agreement becomes an entry; its USCC is read from the complaint's stream (its intake). */
export class CreditEntryFromComplaintBusCommand extends Command<CommandResult | null> {
  constructor(
    readonly complaintId: string,
    readonly build: (uscc: string) => CreditBusCommand,
  ) {
    super();
  }
}

/** Publishing a scoring policy version on `credit-scoring-policy`. */
export class ScoringPolicyBusCommand extends Command<CommandResult> {
  constructor(readonly command: ScoringPolicyCommand) {
    super();
  }
}

/** What identifies a credit request for idempotency: its data without the facts the handler adds. */
export const creditRequestFingerprint = (command: CreditCommand): Record<string, unknown> => {
  const { facts: _facts, penaltyPublishedOn: _published, ...request } = command.data as unknown as Record<string, unknown>;
  return request;
};

@CommandHandler(CreditBusCommand)
export class CreditCommandHandler implements ICommandHandler<CreditBusCommand, CommandResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(message: CreditBusCommand): Promise<CommandResult> {
    const uscc = normaliseUscc(message.uscc);
    const streamId = creditStreamId(uscc);
    const request = message.toCommand(NO_FACTS);
    const fingerprint = creditRequestFingerprint(request);
    const earlier = await this.runtime.earlierResult(streamId, request, fingerprint);
    if (earlier) return earlier;
    const facts = await this.factsFor(uscc);
    let command = message.toCommand(facts);
    if (command.type === 'DecideRepair') command = { ...command, data: { ...command.data, penaltyPublishedOn: await this.publicationOf(streamId, command.data.repairId) } };
    const expected = message.expectedVersion;
    return this.runtime.handle(creditRecordDecider, streamId, command, {
      fingerprint,
      precondition: expected === undefined ? undefined : (state: CreditRecordState) => assertVersion(state, uscc, expected),
    });
  }

  private async factsFor(uscc: string): Promise<CreditFacts> {
    const [policyEvents, enterpriseEvents] = await Promise.all([this.store.readStream(SCORING_POLICY_STREAM), this.store.readStream(enterpriseStreamId(uscc))]);
    const enterprise = enterpriseFactsFrom(enterpriseEvents);
    return {
      policies: scoringPoliciesFrom(policyEvents),
      enterprise: enterprise.status === 'none' ? null : { jurisdiction: enterprise.jurisdiction as string, name: enterprise.name as string },
    };
  }

  /** For a repair of a penalty publication: the day enforcement published the penalty, or null (read from the case's stream). */
  private async publicationOf(streamId: string, repairId: string): Promise<string | null> {
    const record = fold(creditRecordDecider, (await this.store.readStream(streamId)).map((e) => ({ type: e.type, data: e.data }) as CreditEvent));
    const target = record.repairs.find((r) => r.repairId === repairId)?.target;
    if (!target || target.kind !== 'penalty_publication') return null;
    const published = (await this.store.readStream(caseStreamId(target.caseId))).find(isPenaltyPublished);
    return published ? published.data.publishedOn : null;
  }
}

@CommandHandler(CreditEntryFromComplaintBusCommand)
export class CreditEntryFromComplaintHandler implements ICommandHandler<CreditEntryFromComplaintBusCommand, CommandResult | null> {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(message: CreditEntryFromComplaintBusCommand): Promise<CommandResult | null> {
    const received = (await this.store.readStream(complaintStreamId(message.complaintId))).find((e) => e.type === 'ComplaintReceived');
    const uscc = (received?.data as { uscc?: unknown } | undefined)?.uscc;
    if (typeof uscc !== 'string') return null;
    return this.commands.execute(message.build(uscc));
  }
}

@CommandHandler(ScoringPolicyBusCommand)
export class ScoringPolicyCommandHandler implements ICommandHandler<ScoringPolicyBusCommand, CommandResult> {
  private readonly decider: ReturnType<typeof scoringPolicyDeciderWith>;

  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(CREDIT_CONFIG) config: CreditPolicy,
  ) {
    this.decider = scoringPolicyDeciderWith(config);
  }

  execute(message: ScoringPolicyBusCommand): Promise<CommandResult> {
    return this.runtime.handle(this.decider, SCORING_POLICY_STREAM, message.command);
  }
}

/** If-Match on a credit record: refuse a change based on a version that is no longer the current one. */
const assertVersion = (state: CreditRecordState, uscc: string, version: number): void => {
  if (state.version !== version) {
    throw new ConflictError(CREDIT_ERROR_CODES.VERSION_MISMATCH, `the credit record of ${uscc} is at version ${state.version}, not ${version}`, { uscc, expected: version, actual: state.version });
  }
};

