import { ConflictError, NotFoundError, RuleViolation, ValidationError, isDivisionCode } from '@regledger/shared';
import type { FieldError } from '@regledger/shared';
import type { DeregisterEnterpriseData, RegisterEnterpriseData, RenameEnterpriseData } from './enterprise.commands.js';
import type { EnterpriseState } from './enterprise.decider.js';
import { normaliseUscc, usccDefect } from './uscc.rule.js';

/** Stable error codes of the enterprises context. */
export const ENTERPRISE_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'ENTERPRISE.VALIDATION_FAILED',
  FORBIDDEN: 'ENTERPRISE.FORBIDDEN',
  ALREADY_REGISTERED: 'ENTERPRISE.ALREADY_REGISTERED',
  NOT_FOUND: 'ENTERPRISE.NOT_FOUND',
  DEREGISTERED: 'ENTERPRISE.DEREGISTERED',
  SAME_NAME: 'ENTERPRISE.SAME_NAME',
  EFFECTIVE_DATE_OUT_OF_RANGE: 'ENTERPRISE.EFFECTIVE_DATE_OUT_OF_RANGE',
  UNKNOWN_COMMAND: 'ENTERPRISE.UNKNOWN_COMMAND',
} as const);

/** Field length limits, counted in Unicode code points after normalisation (design choice). */
export const ENTERPRISE_FIELD_LIMITS = Object.freeze({
  name: 200,
  address: 500,
  industry: 100,
  reason: 1000,
});

import { CHINA_UTC_OFFSET_MS, chinaDate, isCalendarDate, normaliseText, textLength } from '@regledger/shared';

export { CHINA_UTC_OFFSET_MS, chinaDate, isCalendarDate, normaliseText, textLength };

// ---- field checks: each returns the normalised value and pushes every failure it finds ----

const textField = (field: string, value: unknown, errors: FieldError[]): string | null => {
  if (value === undefined || value === null) {
    errors.push({ field, rule: 'required', message: 'is required' });
    return null;
  }
  if (typeof value !== 'string') {
    errors.push({ field, rule: 'type', message: 'must be a string' });
    return null;
  }
  return value;
};

/** A USCC is 18 characters of the GB 32100-2015 alphabet with the right check character (domain.md §4). */
export const checkUscc = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = textField(field, value, errors);
  if (raw === null) return '';
  const uscc = normaliseUscc(raw);
  if (uscc === '') {
    errors.push({ field, rule: 'required', message: 'is required' });
    return uscc;
  }
  const defect = usccDefect(uscc);
  if (defect === 'uscc_format') {
    errors.push({ field, rule: defect, message: 'must be 18 characters of 0-9 and A-Y without I, O, S, V, Z (GB 32100-2015)' });
  } else if (defect === 'uscc_check_character') {
    errors.push({ field, rule: defect, message: 'has a wrong check character (GB 32100-2015)' });
  }
  return uscc;
};

/** An enterprise name has 1–200 characters after normalisation (design choice). */
export const checkName = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = textField(field, value, errors);
  if (raw === null) return '';
  const name = normaliseText(raw);
  if (name === '') errors.push({ field, rule: 'required', message: 'must not be blank' });
  else if (textLength(name) > ENTERPRISE_FIELD_LIMITS.name) {
    errors.push({ field, rule: 'max_length', message: `must have at most ${ENTERPRISE_FIELD_LIMITS.name} characters` });
  }
  return name;
};

/** Free text of at most `max` characters after normalisation; may be empty (design choice). */
export const checkOptionalText = (field: string, value: unknown, max: number, errors: FieldError[]): string => {
  const raw = textField(field, value, errors);
  if (raw === null) return '';
  const text = normaliseText(raw);
  if (textLength(text) > max) errors.push({ field, rule: 'max_length', message: `must have at most ${max} characters` });
  return text;
};

/** A jurisdiction is a six-digit GB/T 2260 division code (domain.md §1); it need not match the USCC's positions 3–8, enterprises move. */
export const checkJurisdiction = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = textField(field, value, errors);
  if (raw === null) return '';
  const code = raw.trim();
  if (!isDivisionCode(code)) errors.push({ field, rule: 'division_code', message: 'must be a six-digit GB/T 2260 division code' });
  return code;
};

/** An effective date is a real calendar date YYYY-MM-DD (design choice). */
export const checkCalendarDate = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = textField(field, value, errors);
  if (raw === null) return '';
  if (!isCalendarDate(raw)) errors.push({ field, rule: 'date', message: 'must be a real calendar date YYYY-MM-DD' });
  return raw;
};

/** The command's clock must be a parseable instant; its China date is "today" (design choice). */
export const checkClock = (now: unknown, errors: FieldError[]): string => {
  const today = typeof now === 'string' ? chinaDate(now) : null;
  if (today === null) errors.push({ field: 'metadata.now', rule: 'datetime', message: 'must be an ISO 8601 instant' });
  return today ?? '';
};

const throwIfAny = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new ValidationError(errors, ENTERPRISE_ERROR_CODES.VALIDATION_FAILED);
};

/** Every field of a registration is checked and every failure reported at once (domain.md §4, design choice for limits). */
export const validateRegisterEnterprise = (data: RegisterEnterpriseData, now: string): { data: RegisterEnterpriseData; today: string } => {
  const errors: FieldError[] = [];
  const input = (data ?? {}) as Partial<Record<keyof RegisterEnterpriseData, unknown>>;
  const normalised: RegisterEnterpriseData = {
    uscc: checkUscc('uscc', input.uscc, errors),
    name: checkName('name', input.name, errors),
    jurisdiction: checkJurisdiction('jurisdiction', input.jurisdiction, errors),
    address: checkOptionalText('address', input.address, ENTERPRISE_FIELD_LIMITS.address, errors),
    industry: checkOptionalText('industry', input.industry, ENTERPRISE_FIELD_LIMITS.industry, errors),
  };
  const today = checkClock(now, errors);
  throwIfAny(errors);
  return { data: normalised, today };
};

/** Every field of a rename is checked and every failure reported at once (domain.md §4, design choice for limits). */
export const validateRenameEnterprise = (data: RenameEnterpriseData, now: string): { data: RenameEnterpriseData; today: string } => {
  const errors: FieldError[] = [];
  const input = (data ?? {}) as Partial<Record<keyof RenameEnterpriseData, unknown>>;
  const normalised: RenameEnterpriseData = {
    uscc: checkUscc('uscc', input.uscc, errors),
    newName: checkName('newName', input.newName, errors),
    effectiveDate: checkCalendarDate('effectiveDate', input.effectiveDate, errors),
  };
  const today = checkClock(now, errors);
  throwIfAny(errors);
  return { data: normalised, today };
};

/** Every field of a deregistration is checked and every failure reported at once (domain.md §4, design choice for limits). */
export const validateDeregisterEnterprise = (
  data: DeregisterEnterpriseData,
  now: string,
): { data: DeregisterEnterpriseData; today: string } => {
  const errors: FieldError[] = [];
  const input = (data ?? {}) as Partial<Record<keyof DeregisterEnterpriseData, unknown>>;
  const normalised: DeregisterEnterpriseData = {
    uscc: checkUscc('uscc', input.uscc, errors),
    effectiveDate: checkCalendarDate('effectiveDate', input.effectiveDate, errors),
    reason: checkOptionalText('reason', input.reason, ENTERPRISE_FIELD_LIMITS.reason, errors),
  };
  const today = checkClock(now, errors);
  throwIfAny(errors);
  return { data: normalised, today };
};

// ---- state rules ----

/** A USCC is issued once and never reused, so an enterprise is registered once, even after deregistration (GB 32100-2015, domain.md §4). */
export const assertNotYetRegistered = (state: EnterpriseState, uscc: string): void => {
  if (state.status !== 'none') {
    throw new ConflictError(ENTERPRISE_ERROR_CODES.ALREADY_REGISTERED, `enterprise ${uscc} is already registered`, {
      uscc,
      status: state.status,
    });
  }
};

/** Only a registered enterprise can be renamed or deregistered (design choice). */
export const assertKnownEnterprise = (state: EnterpriseState, uscc: string): void => {
  if (state.status === 'none') throw new NotFoundError(ENTERPRISE_ERROR_CODES.NOT_FOUND, `enterprise ${uscc} is not registered`, { uscc });
};

/** A deregistered enterprise is closed: no rename, no second deregistration (design choice). */
export const assertNotDeregistered = (state: EnterpriseState, uscc: string): void => {
  if (state.status === 'deregistered') {
    throw new RuleViolation(ENTERPRISE_ERROR_CODES.DEREGISTERED, `enterprise ${uscc} was deregistered on ${state.deregisteredOn}`, {
      uscc,
      deregisteredOn: state.deregisteredOn,
    });
  }
};

/** A rename must change the name, compared after normalisation (domain.md §3: a rename triggers re-declaration, so no empty renames). */
export const assertNameChanges = (state: EnterpriseState, newName: string): void => {
  if (state.name === newName) {
    throw new RuleViolation(ENTERPRISE_ERROR_CODES.SAME_NAME, 'the new name equals the current name', { uscc: state.uscc, name: newName });
  }
};

/** The earliest allowed effective date: registration, or the latest rename so the name history stays ordered (design choice). */
export const earliestEffectiveDate = (state: EnterpriseState): string => {
  const lastRename = state.formerNames.length > 0 ? state.formerNames[state.formerNames.length - 1].until : null;
  const registeredOn = state.registeredOn ?? '';
  return lastRename !== null && lastRename > registeredOn ? lastRename : registeredOn;
};

/** An effective date lies between registration (or the latest rename) and today in China time, both included (design choice). */
export const assertEffectiveDateInRange = (state: EnterpriseState, effectiveDate: string, today: string): void => {
  const earliest = earliestEffectiveDate(state);
  if (effectiveDate < earliest || effectiveDate > today) {
    throw new RuleViolation(
      ENTERPRISE_ERROR_CODES.EFFECTIVE_DATE_OUT_OF_RANGE,
      `the effective date ${effectiveDate} must lie between ${earliest} and ${today}`,
      { uscc: state.uscc, effectiveDate, earliest, latest: today },
    );
  }
};
