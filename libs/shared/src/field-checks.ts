/**
 * Field checks shared by the deciders' validation: each pushes a FieldError naming the field and the
 * rule it breaks and returns the normalised value, so a command reports every failure at once.
 */
import { chinaDate, isCalendarDate, normaliseText, textLength } from './calendar.js';
import { ValidationError, type FieldError } from './domain-error.js';
import { isDivisionCode } from './jurisdiction.js';

/** A plain object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Throws one ValidationError with every failure collected, under the context's code. */
export const throwIfFieldErrors = (errors: readonly FieldError[], code: string): void => {
  if (errors.length > 0) throw new ValidationError([...errors], code);
};

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** NUL, or a UTF-16 surrogate without its other half (in `u` mode a pair is one code point and does not match). */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/**
 * Text the log can store as it was given: no NUL character and no unpaired surrogate, which neither JSON
 * nor PostgreSQL text can hold. Such text is refused, never altered (design choice).
 */
export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

export const STORABLE_MESSAGE = 'must not contain a NUL character or an unpaired surrogate';

/** A string as given (not normalised), or null after pushing `required` (absent), `type` (not a string) or `characters` (not storable). */
export const checkString = (field: string, value: unknown, errors: FieldError[]): string | null => {
  if (!present(value)) {
    errors.push({ field, rule: 'required', message: 'is required' });
    return null;
  }
  if (typeof value !== 'string') {
    errors.push({ field, rule: 'type', message: 'must be a string' });
    return null;
  }
  if (!isStorableText(value)) {
    errors.push({ field, rule: 'characters', message: STORABLE_MESSAGE });
    return null;
  }
  return value;
};

/** Required text, whitespace runs collapsed, 1–max code points (design choice). */
export const checkText = (field: string, value: unknown, max: number, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
  if (raw === null) return '';
  const text = normaliseText(raw);
  if (text === '') errors.push({ field, rule: 'required', message: 'must not be blank' });
  else if (textLength(text) > max) errors.push({ field, rule: 'max_length', message: `must have at most ${max} characters` });
  return text;
};

/** Optional text: absent, null or blank is null; otherwise at most `max` code points after normalisation (design choice). */
export const checkOptionalText = (field: string, value: unknown, max: number, errors: FieldError[]): string | null => {
  if (!present(value)) return null;
  if (typeof value !== 'string') {
    errors.push({ field, rule: 'type', message: 'must be a string or null' });
    return null;
  }
  if (!isStorableText(value)) {
    errors.push({ field, rule: 'characters', message: STORABLE_MESSAGE });
    return null;
  }
  const text = normaliseText(value);
  if (text === '') return null;
  if (textLength(text) > max) errors.push({ field, rule: 'max_length', message: `must have at most ${max} characters` });
  return text;
};

/** A real calendar date YYYY-MM-DD. */
export const checkDate = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
  if (raw === null) return '';
  if (!isCalendarDate(raw)) errors.push({ field, rule: 'date', message: 'must be a real calendar date YYYY-MM-DD' });
  return raw;
};

/** An optional calendar date: absent or null is null. */
export const checkOptionalDate = (field: string, value: unknown, errors: FieldError[]): string | null =>
  present(value) ? checkDate(field, value, errors) : null;

/** One of a closed list of values. */
export const checkOneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[], errors: FieldError[]): T => {
  if (typeof value !== 'string' || !allowed.includes(value as T)) errors.push({ field, rule: 'one_of', message: `must be one of ${allowed.join(', ')}` });
  return value as T;
};

/** true or false, nothing else. */
export const checkBoolean = (field: string, value: unknown, errors: FieldError[]): boolean => {
  if (typeof value === 'boolean') return value;
  errors.push({ field, rule: present(value) ? 'type' : 'required', message: 'must be true or false' });
  return false;
};

/** A whole number in [min, max]. */
export const checkInteger = (field: string, value: unknown, min: number, max: number, errors: FieldError[]): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.push({ field, rule: 'integer_range', message: `must be a whole number from ${min} to ${max}` });
    return min;
  }
  return value;
};

/** A six-digit GB/T 2260 division code. */
export const checkDivisionCode = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
  if (raw === null) return '';
  const code = raw.trim();
  if (!isDivisionCode(code)) errors.push({ field, rule: 'division_code', message: 'must be a six-digit GB/T 2260 division code' });
  return code;
};

/** The command's clock must be a parseable instant; its China date is "today" (design choice). */
export const checkCommandDate = (now: unknown, errors: FieldError[]): string => {
  const today = typeof now === 'string' ? chinaDate(now) : null;
  if (today === null) errors.push({ field: 'metadata.now', rule: 'datetime', message: 'must be an ISO 8601 instant' });
  return today ?? '';
};
