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
