import { v7 as uuidv7 } from 'uuid';
import { DomainError, ValidationError, type CommandMetadata } from '@regledger/shared';
import { requestTime, type EngineRequest } from './request-context.js';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The command's metadata from the request: the clock, the actor, correlation and idempotency key. */
export function commandMetadata(req: EngineRequest, reason?: string | null): CommandMetadata {
  const key = req.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !KEY.test(key))) {
    throw new ValidationError([{ field: 'Idempotency-Key', rule: 'format', message: 'must be 1–200 printable ASCII characters' }]);
  }
  return {
    now: requestTime(req),
    actor: req.actor,
    correlationId: req.correlationId ?? uuidv7(),
    idempotencyKey: key,
    reason: reason ?? undefined,
  };
}

/** `If-Match: "5"` → 5n; absent or `*` → undefined (no check). */
export function expectedRevisionFrom(req: EngineRequest): bigint | undefined {
  const h = req.headers['if-match'];
  if (h === undefined || h === '*') return undefined;
  const m = typeof h === 'string' ? /^(?:W\/)?"(-1|\d{1,19})"$/.exec(h.trim()) : null;
  if (!m) throw new DomainError('HTTP.IF_MATCH_INVALID', 'validation', 'If-Match must be an ETag given by this API, such as "3"');
  return BigInt(m[1]);
}

export const etag = (revision: bigint): string => `"${revision.toString()}"`;
