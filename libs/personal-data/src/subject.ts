import { createHmac } from 'node:crypto';
import { canonicalJson } from '@regledger/shared';

/** What identifies a person across complaints and reports: an identity number, else a phone number, else an e-mail. */
export interface PersonalIdentity {
  idNumber?: string;
  phone?: string;
  email?: string;
}

/** An identity number without spaces, upper case (the check character X). */
export const normaliseIdNumber = (idNumber: string): string => idNumber.replace(/\s+/g, '').toUpperCase();

/** A phone number as digits only, without China's country code before an 11-digit mobile number. */
export const normalisePhone = (phone: string): string => {
  const digits = phone.replace(/\D+/g, '');
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  return digits;
};

/** An e-mail address trimmed, in lower case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The identity a subject is derived from, normalised: the identity number, else the phone, else the e-mail
 * (the first one given that is not blank), or null when none identifies the person (anonymous, name only).
 */
export const identityKeyOf = (identity: PersonalIdentity): string | null => {
  const id = identity.idNumber === undefined ? '' : normaliseIdNumber(identity.idNumber);
  if (id) return `id:${id}`;
  const phone = identity.phone === undefined ? '' : normalisePhone(identity.phone);
  if (phone) return `phone:${phone}`;
  const email = identity.email === undefined ? '' : normaliseEmail(identity.email);
  if (email) return `email:${email}`;
  return null;
};

/** The identity key of a person known only through one record (anonymous or name only): that record is the subject. */
export const recordIdentityKey = (recordId: string): string => `record:${recordId}`;

/**
 * The subject id of an identity key: `pd-` and the first 128 bits of HMAC-SHA256 under the subject secret.
 * One person's records share it (and so one key and one erasure); without the secret it reveals nothing and
 * cannot be recomputed from a guessed identity.
 */
export const deriveSubjectId = (secret: string, identityKey: string): string => `pd-${createHmac('sha256', secret).update(identityKey, 'utf8').digest('hex').slice(0, 32)}`;

/** A keyed digest of personal data, to compare requests (idempotency) without keeping the data itself. */
export const personalDataDigest = (secret: string, value: unknown): string => createHmac('sha256', secret).update(`digest:${canonicalJson(value)}`, 'utf8').digest('hex');
