import { NotFoundError, uuidForRetry, type RetryKey } from '@regledger/shared';

const ID = /^([0-9A-HJ-NPQRTUWXY]{18})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Namespace of the ids derived from an idempotency key. */
const RETRY_NAMESPACE = '6f1c3f0e-5d6b-4c5e-9a57-2f4e8d0b7a21';

/**
 * A declaration's id names its enterprise: `<USCC>-<UUID>`. Every declaration of an enterprise lives in
 * the enterprise's declarations stream, so the id alone finds the stream without a lookup.
 * The id of a new declaration. Under an idempotency key it is derived from the caller and the key, so a
 * retry sends the very same command and is answered with the first attempt's result.
 */
export const declarationIdFor = (uscc: string, retry: RetryKey): string => `${uscc}-${uuidForRetry(RETRY_NAMESPACE, retry)}`;

export const usccOfDeclarationId = (id: string): string => {
  const m = ID.exec(id);
  if (!m) throw new NotFoundError('DECLARATION.NOT_FOUND', `no declaration ${id}: ids look like <USCC>-<UUID>`, { declarationId: id });
  return m[1];
};
