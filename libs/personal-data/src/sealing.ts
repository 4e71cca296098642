import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalJson } from '@regledger/shared';

/** The one algorithm personal data is sealed with: AES-256 in GCM mode (authenticated), a 96-bit random IV per seal. */
export const SEAL_ALGORITHM = 'aes-256-gcm';
export const SEAL_VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;

/**
 * Personal data as the log records it: a JSON value encrypted with the key of one person (`keyId`, held in
 * the key store, never in the log). The subject and key ids are bound to the ciphertext as associated data,
 * so an envelope cannot be passed off as another person's.
 */
export interface SealedPersonalData {
  v: typeof SEAL_VERSION;
  alg: typeof SEAL_ALGORITHM;
  /** The person's pseudonym (derived from the identity with a keyed hash): every key of one person shares it. */
  subjectId: string;
  keyId: string;
  /** base64 */
  iv: string;
  /** base64, the GCM authentication tag */
  tag: string;
  /** base64 */
  ct: string;
}

/** What a reader gets in place of sealed data whose key was erased (crypto-shredded): the data can no longer be read. */
export interface ErasedPersonalData {
  erased: true;
  subjectId: string;
  keyId: string;
}

/** What a reader gets in place of sealed data whose key this store does not hold (e.g. a log imported without its keys). */
export interface UnavailablePersonalData {
  unavailable: true;
  subjectId: string;
  keyId: string;
}

export type WithheldPersonalData = ErasedPersonalData | UnavailablePersonalData;

/** A sealed envelope cannot be opened with the key given: wrong key, or ciphertext, tag or ids altered. */
export class PersonalDataUnreadableError extends Error {
  constructor(readonly subjectId: string, readonly keyId: string) {
    super(`personal data of ${subjectId} (key ${keyId}) cannot be opened: the key does not match or the envelope was altered`);
    this.name = 'PersonalDataUnreadableError';
  }
}

/** A fresh random data key (32 bytes, AES-256). */
export const generateDataKey = (): Buffer => randomBytes(KEY_BYTES);

const associatedData = (subjectId: string, keyId: string): Buffer => Buffer.from(`regledger-personal-data:v${SEAL_VERSION}:${subjectId}:${keyId}`, 'utf8');

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a value is a sealed envelope (by shape; whether it opens is another matter). */
export const isSealedPersonalData = (v: unknown): v is SealedPersonalData =>
  isRecord(v) &&
  v.v === SEAL_VERSION &&
  v.alg === SEAL_ALGORITHM &&
  typeof v.subjectId === 'string' &&
  typeof v.keyId === 'string' &&
  typeof v.iv === 'string' &&
  typeof v.tag === 'string' &&
  typeof v.ct === 'string';

/** Seals a JSON value (canonical JSON, UTF-8) with the person's key. */
export const sealPersonalData = (value: unknown, key: { subjectId: string; keyId: string; key: Buffer }): SealedPersonalData => {
  if (key.key.length !== KEY_BYTES) throw new RangeError(`a data key has ${KEY_BYTES} bytes, got ${key.key.length}`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(SEAL_ALGORITHM, key.key, iv);
  cipher.setAAD(associatedData(key.subjectId, key.keyId));
  const ct = Buffer.concat([cipher.update(canonicalJson(value), 'utf8'), cipher.final()]);
  return {
    v: SEAL_VERSION,
    alg: SEAL_ALGORITHM,
    subjectId: key.subjectId,
    keyId: key.keyId,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
};

/** Opens an envelope with its key; throws `PersonalDataUnreadableError` when the key or the envelope does not match. */
export const openPersonalData = (sealed: SealedPersonalData, key: Buffer): unknown => {
  try {
    const decipher = createDecipheriv(SEAL_ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associatedData(sealed.subjectId, sealed.keyId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    throw new PersonalDataUnreadableError(sealed.subjectId, sealed.keyId);
  }
};

/** Every sealed envelope inside a value (event data, a read-model row), depth first. */
export const sealedIn = (value: unknown, found: SealedPersonalData[] = []): SealedPersonalData[] => {
  if (isSealedPersonalData(value)) found.push(value);
  else if (Array.isArray(value)) for (const v of value) sealedIn(v, found);
  else if (isRecord(value)) for (const v of Object.values(value)) sealedIn(v, found);
  return found;
};

/** The value with every sealed envelope replaced by what `open` gives for it; everything else as it was. */
export const replaceSealed = (value: unknown, open: (sealed: SealedPersonalData) => unknown): unknown => {
  if (isSealedPersonalData(value)) return open(value);
  if (Array.isArray(value)) return value.map((v) => replaceSealed(v, open));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSealed(v, open)]));
  return value;
};
