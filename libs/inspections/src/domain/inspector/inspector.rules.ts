import { ConflictError, NotFoundError, RuleViolation, checkCommandDate, checkDivisionCode, checkText, throwIfFieldErrors } from '@regledger/shared';
import type { FieldError } from '@regledger/shared';
import { normaliseUscc, usccDefect } from '@regledger/enterprises/contracts';
import type {
  DeactivateInspectorData,
  DeclareInspectorConflictData,
  RegisterInspectorData,
  UpdateInspectorQualificationsData,
  WithdrawInspectorConflictData,
} from './inspector.commands.js';
import type { InspectorState } from './inspector.decider.js';

/** Stable error codes of the inspector pool. */
export const INSPECTOR_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'INSPECTOR.VALIDATION_FAILED',
  FORBIDDEN: 'INSPECTOR.FORBIDDEN',
  NOT_FOUND: 'INSPECTOR.NOT_FOUND',
  ALREADY_REGISTERED: 'INSPECTOR.ALREADY_REGISTERED',
  ALREADY_INACTIVE: 'INSPECTOR.ALREADY_INACTIVE',
  ALREADY_ACTIVE: 'INSPECTOR.ALREADY_ACTIVE',
  CONFLICT_ALREADY_DECLARED: 'INSPECTOR.CONFLICT_ALREADY_DECLARED',
  CONFLICT_NOT_DECLARED: 'INSPECTOR.CONFLICT_NOT_DECLARED',
  QUALIFICATIONS_UNCHANGED: 'INSPECTOR.QUALIFICATIONS_UNCHANGED',
  UNKNOWN_COMMAND: 'INSPECTOR.UNKNOWN_COMMAND',
} as const);

/** Field limits (design choice): ids of 1–64 characters, names up to 100, up to 50 qualifications of up to 100, reasons up to 1000, up to 500 declared conflicts. */
export const INSPECTOR_LIMITS = Object.freeze({ name: 100, qualification: 100, qualifications: 50, reason: 1000, conflicts: 500 });

/** An inspector id: a letter or digit, then up to 63 letters, digits, `.`, `_` or `-` (design choice: safe in a URL and a stream name). */
export const INSPECTOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** An inspector id as defined above. */
export const checkInspectorId = (field: string, value: unknown, errors: FieldError[]): string => {
  if (typeof value !== 'string' || !INSPECTOR_ID.test(value)) {
    errors.push({ field, rule: 'inspector_id', message: 'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' });
    return '';
  }
  return value;
};

/** A USCC with a valid check character (GB 32100-2015, domain.md §4), normalised to upper case. */
export const checkConflictUscc = (field: string, value: unknown, errors: FieldError[]): string => {
  if (typeof value !== 'string') {
    errors.push({ field, rule: 'required', message: 'must be a USCC' });
    return '';
  }
  const uscc = normaliseUscc(value);
  const defect = usccDefect(uscc);
  if (defect !== null) errors.push({ field, rule: defect, message: 'must be an 18-character USCC with a valid check character (GB 32100-2015)' });
  return uscc;
};

/** A set of qualifications: an array of non-blank texts, returned distinct and sorted (design choice: qualifications are a set). */
export const checkQualifications = (field: string, value: unknown, errors: FieldError[]): string[] => {
  if (!Array.isArray(value)) {
    errors.push({ field, rule: 'array', message: 'must be an array of texts' });
    return [];
  }
  if (value.length > INSPECTOR_LIMITS.qualifications) errors.push({ field, rule: 'max_items', message: `must have at most ${INSPECTOR_LIMITS.qualifications} items` });
  const out = value.map((q, i) => checkText(`${field}[${i}]`, q, INSPECTOR_LIMITS.qualification, errors));
  return [...new Set(out.filter((q) => q !== ''))].sort();
};

/** A set of conflicts: an array of USCCs, returned distinct and sorted. */
export const checkConflicts = (field: string, value: unknown, errors: FieldError[]): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push({ field, rule: 'array', message: 'must be an array of USCCs' });
    return [];
  }
  if (value.length > INSPECTOR_LIMITS.conflicts) errors.push({ field, rule: 'max_items', message: `must have at most ${INSPECTOR_LIMITS.conflicts} items` });
  return [...new Set(value.map((u, i) => checkConflictUscc(`${field}[${i}]`, u, errors)).filter((u) => u !== ''))].sort();
};

const done = <T>(errors: FieldError[], value: T): T => {
  throwIfFieldErrors(errors, INSPECTOR_ERROR_CODES.VALIDATION_FAILED);
  return value;
};

/** Shape of RegisterInspector: id, name, division code, qualifications, optional conflicts (domain.md §1, §5). */
export const validateRegisterInspector = (data: RegisterInspectorData, now: string) => {
  const errors: FieldError[] = [];
  const value = {
    inspectorId: checkInspectorId('inspectorId', data?.inspectorId, errors),
    name: checkText('name', data?.name, INSPECTOR_LIMITS.name, errors),
    jurisdiction: checkDivisionCode('jurisdiction', data?.jurisdiction, errors),
    qualifications: checkQualifications('qualifications', data?.qualifications, errors),
    conflicts: checkConflicts('conflicts', data?.conflicts, errors),
  };
  const today = checkCommandDate(now, errors);
  return done(errors, { data: value, today });
};

export const validateUpdateQualifications = (data: UpdateInspectorQualificationsData, now: string) => {
  const errors: FieldError[] = [];
  const value = { inspectorId: checkInspectorId('inspectorId', data?.inspectorId, errors), qualifications: checkQualifications('qualifications', data?.qualifications, errors) };
  const today = checkCommandDate(now, errors);
  return done(errors, { data: value, today });
};

export const validateConflictCommand = (data: DeclareInspectorConflictData | WithdrawInspectorConflictData, now: string) => {
  const errors: FieldError[] = [];
  const value = { inspectorId: checkInspectorId('inspectorId', data?.inspectorId, errors), uscc: checkConflictUscc('uscc', data?.uscc, errors) };
  const today = checkCommandDate(now, errors);
  return done(errors, { data: value, today });
};

export const validateDeactivateInspector = (data: DeactivateInspectorData, now: string) => {
  const errors: FieldError[] = [];
  const value = { inspectorId: checkInspectorId('inspectorId', data?.inspectorId, errors), reason: checkText('reason', data?.reason, INSPECTOR_LIMITS.reason, errors) };
  const today = checkCommandDate(now, errors);
  return done(errors, { data: value, today });
};

export const validateInspectorIdOnly = (data: { inspectorId: string }, now: string) => {
  const errors: FieldError[] = [];
  const value = { inspectorId: checkInspectorId('inspectorId', data?.inspectorId, errors) };
  const today = checkCommandDate(now, errors);
  return done(errors, { data: value, today });
};

// ---- rules on the state ----

/** An inspector id names one person once (design choice: ids are never reused). */
export const assertNotYetRegistered = (state: InspectorState, inspectorId: string): void => {
  if (state.status !== 'none') throw new ConflictError(INSPECTOR_ERROR_CODES.ALREADY_REGISTERED, `inspector ${inspectorId} is already registered`, { inspectorId });
};

/** Commands other than register need a registered inspector. */
export const assertKnownInspector = (state: InspectorState, inspectorId: string): void => {
  if (state.status === 'none') throw new NotFoundError(INSPECTOR_ERROR_CODES.NOT_FOUND, `no inspector ${inspectorId}`, { inspectorId });
};

/** Deactivating twice is a conflict with the current state. */
export const assertActive = (state: InspectorState, inspectorId: string): void => {
  if (state.status !== 'active') throw new ConflictError(INSPECTOR_ERROR_CODES.ALREADY_INACTIVE, `inspector ${inspectorId} is already inactive`, { inspectorId });
};

/** Reactivating an active inspector is a conflict with the current state. */
export const assertInactive = (state: InspectorState, inspectorId: string): void => {
  if (state.status !== 'inactive') throw new ConflictError(INSPECTOR_ERROR_CODES.ALREADY_ACTIVE, `inspector ${inspectorId} is already active`, { inspectorId });
};

/** A conflict of interest is declared once (Administrative Penalty Law art. 43). */
export const assertConflictNotDeclared = (state: InspectorState, uscc: string): void => {
  if (state.conflicts.includes(uscc)) {
    throw new ConflictError(INSPECTOR_ERROR_CODES.CONFLICT_ALREADY_DECLARED, `inspector ${state.inspectorId} already declared an interest in ${uscc}`, { inspectorId: state.inspectorId, uscc });
  }
};

/** Only a declared conflict can be withdrawn. */
export const assertConflictDeclared = (state: InspectorState, uscc: string): void => {
  if (!state.conflicts.includes(uscc)) {
    throw new NotFoundError(INSPECTOR_ERROR_CODES.CONFLICT_NOT_DECLARED, `inspector ${state.inspectorId} has no declared interest in ${uscc}`, { inspectorId: state.inspectorId, uscc });
  }
};

/** An update that changes nothing is refused, so the log records only real changes (design choice). */
export const assertQualificationsChange = (state: InspectorState, qualifications: readonly string[]): void => {
  if (state.qualifications.length === qualifications.length && state.qualifications.every((q, i) => q === qualifications[i])) {
    throw new RuleViolation(INSPECTOR_ERROR_CODES.QUALIFICATIONS_UNCHANGED, `inspector ${state.inspectorId} already has exactly these qualifications`, { inspectorId: state.inspectorId });
  }
};
