import { v5 as uuidv5 } from 'uuid';
import { NotFoundError, uuidForRetry, type RetryKey } from '@regledger/shared';
import { CREDIT_ERROR_CODES, type EntryKind } from './domain/index.js';

/** Namespace of the ids credit derives (listings, repairs). */
const NAMESPACE = '6f1c2a7e-3d4b-4c59-9e8a-1b2c3d4e5f60';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An entry's id: the kind and the id of the event it derives from, so a replay records nothing new. */
export const entryIdFor = (kind: EntryKind, sourceEventId: string): string => `${kind}:${sourceEventId}`;

/** A listing placed by a person: a UUID, derived from the caller and the idempotency key when one is given. */
export const listingIdFor = (retry: RetryKey): string => uuidForRetry(NAMESPACE, retry, 'listing:');

/** A repair application: a UUID, derived from the caller and the idempotency key when one is given. */
export const repairIdFor = (retry: RetryKey): string => uuidForRetry(NAMESPACE, retry, 'repair:');

/** The serious-violation listing of a heavy penalty: one per case. */
export const seriousListingIdForCase = (caseId: string): string => uuidv5(`serious:case:${caseId}`, NAMESPACE);

/** The serious-violation listing an abnormal listing uncured for 3 years moves to: one per abnormal listing. */
export const seriousListingIdForAbnormal = (listingId: string): string => uuidv5(`serious:abnormal:${listingId}`, NAMESPACE);

/** A repair id the API could have issued; anything else is unknown (404). */
export const assertRepairIdShape = (id: string): string => {
  if (!ID.test(id)) throw new NotFoundError(CREDIT_ERROR_CODES.REPAIR_NOT_FOUND, `no repair ${id}: ids are UUIDs`, { repairId: id });
  return id;
};
