import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/** Who sent a request creating something, and under which idempotency key, if any. */
export interface RetryKey {
  actorId: string;
  idempotencyKey?: string;
}

/**
 * The UUID of something a request creates. Under an idempotency key it is a UUID v5 of `<prefix><actorId>:<key>`
 * in the caller's `namespace`, so a retry sends the very same command and is answered with the first attempt's
 * result; without a key it is a fresh UUID v7 (design choice).
 */
export const uuidForRetry = (namespace: string, retry: RetryKey, prefix = ''): string =>
  retry.idempotencyKey ? uuidv5(`${prefix}${retry.actorId}:${retry.idempotencyKey}`, namespace) : uuidv7();
