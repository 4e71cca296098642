import { ValidationError, type FieldError } from '@regledger/shared';
import { AUDIT_ERROR_CODES } from './audit.errors.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const TYPE = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

/**
 * An instant given by an analyst: ISO 8601 with a zone (`2026-10-12T08:00:00Z`, `…+08:00`), or a calendar date,
 * read as the start of that day in China (UTC+8), the engine's civil time.
 */
export const parseInstant = (field: string, value: string | undefined, errors: FieldError[]): Date | undefined => {
  if (value === undefined || value === '') return undefined;
  const text = value.trim();
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text;
  const at = INSTANT.test(text) ? new Date(withZone) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    errors.push({ field, rule: 'instant', message: 'must be an ISO 8601 instant with a zone (2026-10-12T08:00:00Z) or a date YYYY-MM-DD (start of the day, China time)' });
    return undefined;
  }
  return at;
};

/** A stream revision: a whole number from 0. */
export const parsePosition = (field: string, value: string | undefined, errors: FieldError[]): bigint | undefined => {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,18}$/.test(value.trim())) {
    errors.push({ field, rule: 'integer', message: 'must be a stream revision, a whole number from 0' });
    return undefined;
  }
  return BigInt(value.trim());
};

export const parseCorrelationId = (field: string, value: string, errors: FieldError[]): string => {
  if (!CORRELATION.test(value)) errors.push({ field, rule: 'format', message: 'must be 1–100 characters of A–Z, a–z, 0–9, ".", "_", ":" or "-"' });
  return value;
};

export const parseUscc = (field: string, value: string | undefined, errors: FieldError[]): string | undefined => {
  if (value === undefined || value === '') return undefined;
  const code = value.trim().toUpperCase();
  if (!USCC.test(code)) errors.push({ field, rule: 'uscc', message: 'must be an 18-character unified social credit code (GB 32100-2015)' });
  return code;
};

/** Event types, comma-separated. */
export const parseTypes = (field: string, value: string | undefined, errors: FieldError[]): string[] | undefined => {
  if (value === undefined || value === '') return undefined;
  const types = value.split(',').map((t) => t.trim());
  if (types.length > 50 || types.some((t) => !TYPE.test(t))) errors.push({ field, rule: 'format', message: 'must be event type names such as ComplaintReceived, comma-separated' });
  return types;
};

export const parseActor = (field: string, value: string | undefined, errors: FieldError[]): string | undefined => {
  if (value === undefined || value === '') return undefined;
  if (value.length > 200) errors.push({ field, rule: 'length', message: 'must be at most 200 characters' });
  return value;
};

/** Throws one 400 naming every field that failed. */
export const throwIfInvalid = (errors: readonly FieldError[]): void => {
  if (errors.length) throw new ValidationError([...errors], AUDIT_ERROR_CODES.VALIDATION);
};
