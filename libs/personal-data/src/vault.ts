import type { AnyDb } from '@regledger/database';
import { PersonalDataKeyStore, type ErasureReport, type StoredKey } from './key-store.js';
import {
  PersonalDataUnreadableError,
  openPersonalData,
  replaceSealed,
  sealPersonalData,
  sealedIn,
  type SealedPersonalData,
  type WithheldPersonalData,
} from './sealing.js';
import { deriveSubjectId, personalDataDigest } from './subject.js';

/** What the vault needs: the database holding the keys and the secret subject ids are derived with. */
export interface PersonalDataVaultOptions {
  subjectSecret: string;
}

/**
 * Seals and opens personal data with per-person keys: subject ids from the secret, keys from the key store.
 * Framework-free; the API, the CLI and the audit build one over the engine's database.
 */
export class PersonalDataVault {
  readonly keys: PersonalDataKeyStore;

  constructor(
    db: AnyDb,
    private readonly options: PersonalDataVaultOptions,
  ) {
    this.keys = new PersonalDataKeyStore(db);
  }

  /** The subject id of a normalised identity key (`identityKeyOf`, `recordIdentityKey`). */
  subjectOf(identityKey: string): string {
    return deriveSubjectId(this.options.subjectSecret, identityKey);
  }

  /** A keyed digest of personal data: equal for equal data, meaningless without the secret. */
  digest(value: unknown): string {
    return personalDataDigest(this.options.subjectSecret, value);
  }

  /** Seals the value with the subject's key in use (created on first use). */
  async seal(subjectId: string, value: unknown, now: Date = new Date()): Promise<SealedPersonalData> {
    return sealPersonalData(value, await this.keys.activeKey(subjectId, now));
  }

  /**
   * Replaces every sealed envelope inside the values with its content, or with an erased or unavailable
   * marker when its key was erased or is not held here; one query for all the keys. An envelope that does
   * not open with its key (altered) throws `PersonalDataUnreadableError`.
   */
  async reveal<T>(values: readonly T[]): Promise<T[]> {
    const envelopes = values.flatMap((v) => sealedIn(v));
    if (!envelopes.length) return [...values];
    const stored = await this.keys.keys(envelopes.map((e) => e.keyId));
    return values.map((v) => replaceSealed(v, (e) => openWith(e, stored.get(e.keyId))) as T);
  }

  erase(subjectId: string, erasure: { at: Date; by: string; reason: string }): Promise<ErasureReport> {
    return this.keys.erase(subjectId, erasure);
  }
}

/** The content of an envelope, or the marker that says why it cannot be read. */
export const openWith = (sealed: SealedPersonalData, stored: StoredKey | undefined): unknown => {
  if (!stored || stored.subjectId !== sealed.subjectId) return withheld(sealed, 'unavailable');
  if (stored.key === null) return withheld(sealed, 'erased');
  return openPersonalData(sealed, stored.key);
};

const withheld = (sealed: SealedPersonalData, why: 'erased' | 'unavailable'): WithheldPersonalData =>
  why === 'erased' ? { erased: true, subjectId: sealed.subjectId, keyId: sealed.keyId } : { unavailable: true, subjectId: sealed.subjectId, keyId: sealed.keyId };

export { PersonalDataUnreadableError };
