import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, type CommandMetadata } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { PersonalDataVault, identityKeyOf, recordIdentityKey } from '@regledger/personal-data';
import { enterpriseFactsFrom, enterpriseStreamId, normaliseUscc } from '@regledger/enterprises/contracts';
import { declarationsStreamId, isDeclarationEvent } from '@regledger/declarations/contracts';
import {
  COMPLAINT_ERROR_CODES,
  assertRoleMayHandleComplaints,
  commandDate,
  complaintDecider,
  complaintStreamId,
  validateReceiveComplaint,
  type ComplainantIdentity,
  type ComplaintCommand,
  type ComplaintState,
  type IntakeFacts,
  type ReceiveComplaintData,
  type SealedIdentity,
} from '../domain/index.js';

/**
 * What the handler adds to an intake: the enterprise and the named declaration as their own streams say now,
 * and the complainant's identity sealed with the person's key.
 */
export interface ComplaintContext {
  intake: IntakeFacts | null;
  sealedIdentity: SealedIdentity | null;
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
    @Inject(PersonalDataVault) private readonly personalData: PersonalDataVault,
  ) {}

  async execute(message: ComplaintBusCommand): Promise<CommandResult> {
    const streamId = complaintStreamId(message.complaintId);
    // A retry under the same key gets the first answer before anything is read from the other contexts or
    // sealed; the fingerprint leaves out the looked-up facts and the sealed identity, so it is the same with
    // or without them, and holds the complainant only as a keyed digest.
    const request = message.toCommand({ intake: null, sealedIdentity: null });
    const fingerprint = complaintRequestFingerprint(request, (v) => this.personalData.digest(v));
    const earlier = await this.runtime.earlierResult(streamId, request, fingerprint);
    if (earlier) return earlier;
    const intake = message.lookup ? await this.intakeFacts(message.lookup) : null;
    const sealedIdentity = request.type === 'ReceiveComplaint' ? await this.sealIdentity(request.data, request.metadata) : null;
    const command = intake === null && sealedIdentity === null ? request : message.toCommand({ intake, sealedIdentity });
    const expected = message.expectedVersion;
    return this.runtime.handle(complaintDecider, streamId, command, {
      fingerprint,
      precondition: expected === undefined ? undefined : (state: ComplaintState) => assertVersion(state, message.complaintId, expected),
    });
  }

  /**
   * The complainant's identity (all but `realName`), as the decider validates it, sealed with the key of the
   * person: the subject is derived from the identity number, else the phone, else the e-mail, else (anonymous
   * or name only) the complaint itself. An intake refused for its role or its fields seals nothing; one the
   * decider refuses later (jurisdiction, an existing complaint) may leave the person a key that seals nothing.
   */
  private async sealIdentity(data: ReceiveComplaintData, metadata: CommandMetadata): Promise<SealedIdentity> {
    assertRoleMayHandleComplaints(metadata.actor, 'ReceiveComplaint');
    const { complainant, complaintId } = validateReceiveComplaint(data, commandDate(metadata.now));
    const { realName: _realName, ...identity } = complainant;
    const subjectId = this.personalData.subjectOf(identityKeyOf(identity) ?? recordIdentityKey(complaintId));
    const sealed = await this.personalData.seal(subjectId, identity satisfies ComplainantIdentity, new Date(metadata.now));
    return sealed as unknown as SealedIdentity;
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
 * handler adds (the enterprise and declaration as read now, the sealed identity), which may differ on a
 * retry; the complainant as a keyed digest, so the stored request hash holds no personal data.
 */
export const complaintRequestFingerprint = (command: ComplaintCommand, digest: (personalData: unknown) => string): Record<string, unknown> => {
  const { intake: _intake, sealedIdentity: _sealed, ...request } = command.data as unknown as Record<string, unknown>;
  return 'complainant' in request ? { ...request, complainant: { digest: digest(request.complainant) } } : request;
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
