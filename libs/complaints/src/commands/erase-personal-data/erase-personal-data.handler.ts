import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, RuleViolation, ValidationError, checkText, throwIfFieldErrors, type CommandMetadata, type FieldError } from '@regledger/shared';
import { DeciderRuntime, type CommandResult, type EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import { PersonalDataVault, identityKeyOf, type PersonalIdentity } from '@regledger/personal-data';
import {
  COMPLAINT_ERROR_CODES,
  ERASURE_REASON_MAX_LENGTH,
  PERSONAL_DATA_ERROR_CODES,
  assertMayErasePersonalData,
  complaintStreamId,
  personalDataErasureDecider,
  personalDataStreamId,
  type ComplaintReceivedData,
  type PersonalDataErasureCommand,
  type SealedIdentity,
} from '../../domain/index.js';

/** Whose personal data to erase: the complainant of a complaint, or a person by identity number, phone or e-mail. */
export type ErasureTarget = { complaintId: string } | { identity: PersonalIdentity };

export interface ErasureResult {
  subjectId: string;
  /** Keys this request erased (none when they were erased already). */
  erasedKeyIds: string[];
  /** Every key of the subject erased now. */
  keyIds: string[];
  /** The `PersonalDataErased` recorded now, if any (an erasure already recorded records nothing). */
  command: CommandResult;
}

/** Erase a person's personal data (PIPL art. 47): erase the keys, then record `PersonalDataErased`. */
export class ErasePersonalDataCommand extends Command<ErasureResult> {
  constructor(
    readonly target: ErasureTarget,
    readonly reason: string,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

/**
 * Crypto-shredding: finds the subject (from the complaint's sealed complainant, or derived from the identity),
 * erases every key of it still in use in the key store, then records `PersonalDataErased` with the keys on the
 * stream `personal-data-<subjectId>`. The keys go first: a failure in between leaves them erased and the record
 * to be made by running the request again (it records only keys not recorded yet). The log is not touched:
 * every event sealed with these keys keeps its hash and can no longer be read.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, ErasureResult> {
  constructor(
    private readonly runtime: DeciderRuntime,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PersonalDataVault) private readonly personalData: PersonalDataVault,
  ) {}

  async execute({ target, reason, metadata }: ErasePersonalDataCommand): Promise<ErasureResult> {
    assertMayErasePersonalData(metadata.actor);
    const why = checkReason(reason);
    const subjectId = await this.subjectOf(target);
    const keys = await this.personalData.keys.subjectKeys(subjectId);
    if (!keys.length) {
      throw new NotFoundError(PERSONAL_DATA_ERROR_CODES.SUBJECT_NOT_FOUND, 'no personal data is sealed for this person', { subjectId });
    }
    const report = await this.personalData.erase(subjectId, { at: new Date(metadata.now), by: metadata.actor.id, reason: why });
    const command: PersonalDataErasureCommand = {
      type: 'RecordPersonalDataErasure',
      data: { subjectId, keyIds: report.allErasedKeyIds, erasedAt: new Date(metadata.now).toISOString(), reason: why },
      metadata: { ...metadata, reason: why },
    };
    const result = await this.runtime.handle(personalDataErasureDecider, personalDataStreamId(subjectId), command, {
      fingerprint: { subjectId, reason: why },
    });
    return { subjectId, erasedKeyIds: report.erasedKeyIds, keyIds: report.allErasedKeyIds, command: result };
  }

  private async subjectOf(target: ErasureTarget): Promise<string> {
    if ('complaintId' in target) {
      const events = await this.store.readStream(complaintStreamId(target.complaintId));
      const received = events.find((e) => e.type === 'ComplaintReceived');
      if (!received) throw new NotFoundError(COMPLAINT_ERROR_CODES.NOT_FOUND, `no complaint ${target.complaintId}`, { complaintId: target.complaintId });
      const complainant = (received.data as ComplaintReceivedData).complainant;
      if (!('personalData' in complainant)) {
        throw new RuleViolation(
          PERSONAL_DATA_ERROR_CODES.NOT_SEALED,
          `the complainant of ${target.complaintId} was recorded in clear (schema version 1, before sealing): erasing a key cannot make it unreadable`,
          { complaintId: target.complaintId, schemaVersion: received.storedSchemaVersion },
        );
      }
      return (complainant.personalData as SealedIdentity).subjectId;
    }
    const key = identityKeyOf(target.identity);
    if (key === null) {
      throw new ValidationError(
        [{ field: 'identity', rule: 'identifying', message: 'must give an identity number, a phone number or an e-mail address' }],
        PERSONAL_DATA_ERROR_CODES.VALIDATION_FAILED,
      );
    }
    return this.personalData.subjectOf(key);
  }
}

/** The reason as it will be recorded (normalised free text), refused before any key is touched. */
const checkReason = (reason: unknown): string => {
  const errors: FieldError[] = [];
  const text = checkText('reason', reason, ERASURE_REASON_MAX_LENGTH, errors);
  throwIfFieldErrors(errors, PERSONAL_DATA_ERROR_CODES.VALIDATION_FAILED);
  return text;
};
