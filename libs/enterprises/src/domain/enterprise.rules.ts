import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  checkCommandDate,
  checkDate,
  checkDivisionCode,
  checkString,
  checkText,
  throwIfFieldErrors,
} from '@regledger/shared';
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

/** A USCC is 18 characters of the GB 32100-2015 alphabet with the right check character (domain.md §4). */
export const checkUscc = (field: string, value: unknown, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
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
export const checkName = (field: string, value: unknown, errors: FieldError[]): string => checkText(field, value, ENTERPRISE_FIELD_LIMITS.name, errors);

/** Free text of at most `max` characters after normalisation; may be empty (design choice). */
export const checkOptionalText = (field: string, value: unknown, max: number, errors: FieldError[]): string => {
  const raw = checkString(field, value, errors);
  if (raw === null) return '';
  const text = normaliseText(raw);
  if (textLength(text) > max) errors.push({ field, rule: 'max_length', message: `must have at most ${max} characters` });
  return text;
};

const throwIfAny = (errors: FieldError[]): void => throwIfFieldErrors(errors, ENTERPRISE_ERROR_CODES.VALIDATION_FAILED);

/** Every field of a registration is checked and every failure reported at once (domain.md §4, design choice for limits). */
export const validateRegisterEnterprise = (data: RegisterEnterpriseData, now: string): { data: RegisterEnterpriseData; today: string } => {
  const errors: FieldError[] = [];
  const input = (data ?? {}) as Partial<Record<keyof RegisterEnterpriseData, unknown>>;
  const normalised: RegisterEnterpriseData = {
    uscc: checkUscc('uscc', input.uscc, errors),
    name: checkName('name', input.name, errors),
    jurisdiction: checkDivisionCode('jurisdiction', input.jurisdiction, errors),
    address: checkOptionalText('address', input.address, ENTERPRISE_FIELD_LIMITS.address, errors),
    industry: checkOptionalText('industry', input.industry, ENTERPRISE_FIELD_LIMITS.industry, errors),
  };
  const today = checkCommandDate(now, errors);
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
    effectiveDate: checkDate('effectiveDate', input.effectiveDate, errors),
  };
  const today = checkCommandDate(now, errors);
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
    effectiveDate: checkDate('effectiveDate', input.effectiveDate, errors),
    reason: checkOptionalText('reason', input.reason, ENTERPRISE_FIELD_LIMITS.reason, errors),
  };
  const today = checkCommandDate(now, errors);
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
