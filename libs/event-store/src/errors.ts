import { DomainError } from '@regledger/shared';
import type { ExpectedRevision } from './types.js';

export const describeRevision = (r: ExpectedRevision | bigint): string => (typeof r === 'bigint' ? r.toString() : r);

/** EventStoreDB's WrongExpectedVersion: the stream was not at the revision the writer expected. */
export class WrongExpectedVersionError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      'STREAM.WRONG_EXPECTED_REVISION',
      'conflict',
      `stream ${streamId}: expected revision ${describeRevision(expected)}, actual ${typeof actual === 'bigint' ? actual.toString() : actual}`,
      { streamId, expected: describeRevision(expected), actual: typeof actual === 'bigint' ? actual.toString() : actual },
    );
  }
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor(key: string) {
    super('IDEMPOTENCY.KEY_REUSED', 'rule', `idempotency key ${key} was already used for a different request`, { key });
  }
}

export class EventStoreUnavailableError extends DomainError {
  constructor(message: string) {
    super('EVENT_STORE.UNAVAILABLE', 'unavailable', message);
  }
}

/** Why an import refused an event: it does not continue its stream here, or its hash does not match its content. */
export type ImportRefusal = 'hash_mismatch' | 'revision_gap' | 'broken_chain' | 'conflicting_event';

/** An event to import that the store will not write as it stands; nothing of the refused batch is written. */
export class ImportRefusedError extends DomainError {
  constructor(
    readonly reason: ImportRefusal,
    readonly eventId: string,
    readonly streamId: string,
    readonly revision: bigint,
    detail: string,
  ) {
    super('EVENT_STORE.IMPORT_REFUSED', 'precondition', `event ${eventId} (stream ${streamId} revision ${revision}): ${detail}`, {
      reason,
      eventId,
      streamId,
      revision: revision.toString(),
    });
  }
}
