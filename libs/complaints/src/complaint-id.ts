import { NotFoundError, uuidForRetry, type RetryKey } from '@regledger/shared';
import { COMPLAINT_ERROR_CODES } from './domain/index.js';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Namespace of the complaint ids derived from an idempotency key. */
const RETRY_NAMESPACE = '3b0d6a52-8f0e-4f8e-bb0c-7d1f5a9c2e64';

/**
 * The id of a new complaint, a UUID. Under an idempotency key it is derived from the caller and the key,
 * so a retry sends the very same command and is answered with the first attempt's result.
 */
export const complaintIdFor = (retry: RetryKey): string => uuidForRetry(RETRY_NAMESPACE, retry);

/** An id the API could have issued; anything else is an unknown complaint (404). */
export const assertComplaintIdShape = (id: string): string => {
  if (!ID.test(id)) throw new NotFoundError(COMPLAINT_ERROR_CODES.NOT_FOUND, `no complaint ${id}: ids are UUIDs`, { complaintId: id });
  return id;
};
