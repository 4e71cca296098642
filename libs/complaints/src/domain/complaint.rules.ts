import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  ValidationError,
  addWorkingDays,
  addWorkingDaysWithPauses,
  chinaDate,
  isCalendarDate,
  isDivisionCode,
  normaliseText,
  textLength,
} from '@regledger/shared';
import type { FieldError, WorkingDayPause } from '@regledger/shared';
import { COMPLAINT_CHANNELS, COMPLAINT_KINDS } from './complaint.commands.js';
import type { Complainant, ComplainedProduct, ComplaintKind, ReceiveComplaintData } from './complaint.commands.js';
import type { ComplaintState } from './complaint.decider.js';

/** Stable error codes of the complaints context. */
export const COMPLAINT_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'COMPLAINT.VALIDATION_FAILED',
  FORBIDDEN: 'COMPLAINT.FORBIDDEN',
  NOT_FOUND: 'COMPLAINT.NOT_FOUND',
  ALREADY_EXISTS: 'COMPLAINT.ALREADY_EXISTS',
  ALREADY_DECIDED: 'COMPLAINT.ALREADY_DECIDED',
  NOT_ACCEPTED: 'COMPLAINT.NOT_ACCEPTED',
  NOT_DECIDED: 'COMPLAINT.NOT_DECIDED',
  ALREADY_CLOSED: 'COMPLAINT.ALREADY_CLOSED',
  NOT_A_COMPLAINT: 'COMPLAINT.NOT_A_COMPLAINT',
  NOT_A_REPORT: 'COMPLAINT.NOT_A_REPORT',
  MEDIATION_ALREADY_RECORDED: 'COMPLAINT.MEDIATION_ALREADY_RECORDED',
  TESTING_ALREADY_PAUSED: 'COMPLAINT.TESTING_ALREADY_PAUSED',
  TESTING_NOT_PAUSED: 'COMPLAINT.TESTING_NOT_PAUSED',
  ALREADY_ESCALATED: 'COMPLAINT.ALREADY_ESCALATED',
  ALREADY_EXTENDED: 'COMPLAINT.ALREADY_EXTENDED',
  CASE_ALREADY_DECIDED: 'COMPLAINT.CASE_ALREADY_DECIDED',
  CASE_NOT_DECIDED: 'COMPLAINT.CASE_NOT_DECIDED',
  REPORTER_NOT_REAL_NAME: 'COMPLAINT.REPORTER_NOT_REAL_NAME',
  ALREADY_NOTIFIED: 'COMPLAINT.ALREADY_NOTIFIED',
  DATE_OUT_OF_ORDER: 'COMPLAINT.DATE_OUT_OF_ORDER',
  UNKNOWN_COMMAND: 'COMPLAINT.UNKNOWN_COMMAND',
} as const);

/** The statutory periods of domain.md §6 (Interim Measures 2019, amended 2022). */
export const COMPLAINT_PERIODS = Object.freeze({
  /** art. 14 */
  acceptanceWorkingDays: 7,
  /** art. 21 */
  mediationWorkingDays: 45,
  /** art. 23 */
  verificationWorkingDays: 15,
  /** art. 23, once */
  verificationExtensionWorkingDays: 15,
  /** art. 31 */
  reporterNotificationWorkingDays: 5,
  /** art. 15 */
  limitationYears: 3,
});

/** The rejection reason recorded when art. 15 rejects a complaint on receipt. */
export const LIMITATION_PERIOD_REASON = 'limitation_period';

/** Field limits in code points after normalisation (design choice). */
export const COMPLAINT_FIELD_LIMITS = Object.freeze({ id: 128, name: 200, facts: 5000, text: 2000 });

// ---- deadlines ----

/** Acceptance is decided within 7 working days of receipt (art. 14). */
export const acceptanceDueOn = (receivedOn: string): string => addWorkingDays(receivedOn, COMPLAINT_PERIODS.acceptanceWorkingDays);

/** Mediation ends without agreement 45 working days after acceptance, testing time not counted (arts. 20–21). */
export const mediationEndsOn = (acceptedOn: string, pauses: readonly WorkingDayPause[]): string =>
  addWorkingDaysWithPauses(acceptedOn, COMPLAINT_PERIODS.mediationWorkingDays, pauses);

/** A report is verified within 15 working days of acceptance (art. 23). */
export const verificationDueOn = (acceptedOn: string): string => addWorkingDays(acceptedOn, COMPLAINT_PERIODS.verificationWorkingDays);

/** The one extension adds 15 working days to the due date (art. 23). */
export const extendedVerificationDueOn = (dueOn: string): string => addWorkingDays(dueOn, COMPLAINT_PERIODS.verificationExtensionWorkingDays);

/** A real-name reporter is told within 5 working days of the case decision; anonymous reporters are not told (art. 31). */
export const reporterNotificationDueOn = (decidedOn: string, realName: boolean): string | null =>
  realName ? addWorkingDays(decidedOn, COMPLAINT_PERIODS.reporterNotificationWorkingDays) : null;

/** The last day of the 3-year period from knowing of the harm; 29 Feb runs to 28 Feb (art. 15, design choice for leap days). */
export const limitationPeriodEndsOn = (harmKnownOn: string): string => {
  const year = Number(harmKnownOn.slice(0, 4)) + COMPLAINT_PERIODS.limitationYears;
  const monthDay = harmKnownOn.slice(5);
  const candidate = `${String(year).padStart(4, '0')}-${monthDay}`;
  return isCalendarDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`;
};

/** A complaint received after the 3-year period is rejected by rule on receipt; reports and unknown dates are not (art. 15, design choice). */
export const isBeyondLimitationPeriod = (kind: ComplaintKind, harmKnownOn: string | null, receivedOn: string): boolean =>
  kind === 'complaint' && harmKnownOn !== null && receivedOn > limitationPeriodEndsOn(harmKnownOn);

// ---- lifecycle ----

const rule = (code: string, message: string, state: ComplaintState): RuleViolation =>
  new RuleViolation(code, message, { complaintId: state.complaintId, status: state.status, kind: state.kind });

/** Every command but ReceiveComplaint needs a received complaint. */
export const assertComplaintExists = (state: ComplaintState, complaintId: string): void => {
  if (state.status === 'none') throw new NotFoundError(COMPLAINT_ERROR_CODES.NOT_FOUND, `complaint ${complaintId} was not received`, { complaintId });
};

/** A complaint id is received once. */
export const assertComplaintNew = (state: ComplaintState, complaintId: string): void => {
  if (state.status !== 'none') throw new ConflictError(COMPLAINT_ERROR_CODES.ALREADY_EXISTS, `complaint ${complaintId} was already received`, { complaintId });
};

/** Nothing happens to a closed complaint. */
export const assertNotClosed = (state: ComplaintState): void => {
  if (state.status === 'closed') throw rule(COMPLAINT_ERROR_CODES.ALREADY_CLOSED, 'the complaint is closed', state);
};

/** Accepting or rejecting is decided once, from the received state (art. 14). */
export const assertAwaitingAcceptance = (state: ComplaintState): void => {
  assertNotClosed(state);
  if (state.status !== 'received') throw rule(COMPLAINT_ERROR_CODES.ALREADY_DECIDED, 'acceptance was already decided', state);
};

/** Handling steps need an accepted, open complaint. */
export const assertAccepted = (state: ComplaintState): void => {
  assertNotClosed(state);
  if (state.status !== 'accepted') throw rule(COMPLAINT_ERROR_CODES.NOT_ACCEPTED, 'the complaint has not been accepted', state);
};

/** Only complaints are mediated and paused for testing (arts. 20–21). */
export const assertIsComplaint = (state: ComplaintState): void => {
  if (state.kind !== 'complaint') throw rule(COMPLAINT_ERROR_CODES.NOT_A_COMPLAINT, 'only a complaint is mediated', state);
};

/** Verification, case decisions and reporter notices are for reports only (arts. 23, 31). */
export const assertIsReport = (state: ComplaintState): void => {
  if (state.kind !== 'report') throw rule(COMPLAINT_ERROR_CODES.NOT_A_REPORT, 'only a report has a verification and case decision', state);
};

/** Mediation is recorded once. */
export const assertMediationNotRecorded = (state: ComplaintState): void => {
  if (state.mediation !== null) throw rule(COMPLAINT_ERROR_CODES.MEDIATION_ALREADY_RECORDED, 'mediation was already recorded', state);
};

/** One open testing pause at a time (art. 20). */
export const assertNoOpenPause = (state: ComplaintState): void => {
  if (state.openPauseFrom !== null) throw rule(COMPLAINT_ERROR_CODES.TESTING_ALREADY_PAUSED, 'testing is already under way', state);
};

/** Resuming needs an open testing pause (art. 20). */
export const assertOpenPause = (state: ComplaintState): string => {
  if (state.openPauseFrom === null) throw rule(COMPLAINT_ERROR_CODES.TESTING_NOT_PAUSED, 'testing is not under way', state);
  return state.openPauseFrom;
};

/** A complaint is escalated once. */
export const assertNotEscalated = (state: ComplaintState): void => {
  if (state.escalatedOn !== null) throw rule(COMPLAINT_ERROR_CODES.ALREADY_ESCALATED, 'the complaint was already escalated', state);
};

/** Closing needs acceptance decided: accepted or rejected. */
export const assertMayClose = (state: ComplaintState): void => {
  assertNotClosed(state);
  if (state.status !== 'accepted' && state.status !== 'rejected') throw rule(COMPLAINT_ERROR_CODES.NOT_DECIDED, 'acceptance has not been decided', state);
};

/** The verification period is extended once, before the case decision (art. 23). */
export const assertMayExtendVerification = (state: ComplaintState): void => {
  if (state.verificationExtended) throw rule(COMPLAINT_ERROR_CODES.ALREADY_EXTENDED, 'verification was already extended once', state);
  if (state.caseDecision !== null) throw rule(COMPLAINT_ERROR_CODES.CASE_ALREADY_DECIDED, 'the case was already decided', state);
};

/** A case is decided once per report. */
export const assertCaseNotDecided = (state: ComplaintState): void => {
  if (state.caseDecision !== null) throw rule(COMPLAINT_ERROR_CODES.CASE_ALREADY_DECIDED, 'the case was already decided', state);
};

/** The reporter is told after the decision, once, and only when named (art. 31). */
export const assertMayNotifyReporter = (state: ComplaintState): { decidedOn: string; dueOn: string } => {
  if (state.caseDecision === null) throw rule(COMPLAINT_ERROR_CODES.CASE_NOT_DECIDED, 'the case has not been decided', state);
  if (state.reporterNotificationDueOn === null) throw rule(COMPLAINT_ERROR_CODES.REPORTER_NOT_REAL_NAME, 'an anonymous reporter is not told', state);
  if (state.reporterNotifiedOn !== null) throw rule(COMPLAINT_ERROR_CODES.ALREADY_NOTIFIED, 'the reporter was already told', state);
  return { decidedOn: state.caseDecision.decidedOn, dueOn: state.reporterNotificationDueOn };
};

/** A date that must not fall before another (e.g. a resumption before the pause began). */
export const assertNotBefore = (field: string, date: string, earliest: string): void => {
  if (date < earliest) {
    throw new RuleViolation(COMPLAINT_ERROR_CODES.DATE_OUT_OF_ORDER, `${field} ${date} is before ${earliest}`, { field, date, earliest });
  }
};

// ---- validation ----

const fail = (errors: FieldError[]): void => {
  if (errors.length > 0) throw new ValidationError(errors, COMPLAINT_ERROR_CODES.VALIDATION_FAILED);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Required text, normalised, 1–max code points (design choice). */
export const checkText = (field: string, value: unknown, max: number, errors: FieldError[]): string => {
  if (typeof value !== 'string') {
    errors.push({ field, rule: value === undefined || value === null ? 'required' : 'type', message: 'must be a non-blank string' });
    return '';
  }
  const text = normaliseText(value);
  if (text === '') errors.push({ field, rule: 'required', message: 'must not be blank' });
  else if (textLength(text) > max) errors.push({ field, rule: 'max_length', message: `must have at most ${max} characters` });
  return text;
};

/** Optional text: absent, null or blank is null (design choice). */
export const checkOptionalText = (field: string, value: unknown, max: number, errors: FieldError[]): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && normaliseText(value) === '') return null;
  return checkText(field, value, max, errors);
};

/** A real calendar date YYYY-MM-DD. */
export const checkDate = (field: string, value: unknown, errors: FieldError[]): string => {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    errors.push({ field, rule: 'calendar_date', message: 'must be a calendar date YYYY-MM-DD' });
    return '';
  }
  return value;
};

/** One of a closed list of values. */
export const checkOneOf = <T extends string>(field: string, value: unknown, allowed: readonly T[], errors: FieldError[]): T => {
  if (typeof value !== 'string' || !allowed.includes(value as T)) errors.push({ field, rule: 'one_of', message: `must be one of ${allowed.join(', ')}` });
  return value as T;
};

/** The China date the command is decided on, from its metadata clock. */
export const commandDate = (now: string): string => {
  const today = chinaDate(now);
  if (today === null) fail([{ field: 'metadata.now', rule: 'instant', message: 'must be an ISO 8601 time' }]);
  return today as string;
};

/** Validates and normalises a receipt; throws COMPLAINT.VALIDATION_FAILED with every failure. */
export const validateReceiveComplaint = (data: ReceiveComplaintData): ReceiveComplaintData & { harmKnownOn?: string } => {
  const errors: FieldError[] = [];
  const d = (isRecord(data) ? data : {}) as Record<string, unknown>;
  const complaintId = checkText('complaintId', d.complaintId, COMPLAINT_FIELD_LIMITS.id, errors);
  const kind = checkOneOf('kind', d.kind, COMPLAINT_KINDS, errors);
  const channel = checkOneOf('channel', d.channel, COMPLAINT_CHANNELS, errors);
  const uscc = checkText('uscc', d.uscc, 18, errors).toUpperCase();
  const declarationId = checkOptionalText('declarationId', d.declarationId, COMPLAINT_FIELD_LIMITS.id, errors);
  const facts = checkText('facts', d.facts, COMPLAINT_FIELD_LIMITS.facts, errors);
  const receivedOn = checkDate('receivedOn', d.receivedOn, errors);
  const harmKnownOn = d.harmKnownOn === undefined || d.harmKnownOn === null ? null : checkDate('harmKnownOn', d.harmKnownOn, errors);
  if (harmKnownOn && receivedOn && harmKnownOn > receivedOn) errors.push({ field: 'harmKnownOn', rule: 'not_after_receipt', message: 'must not be after receivedOn' });
  const jurisdiction = typeof d.jurisdiction === 'string' && isDivisionCode(d.jurisdiction) ? d.jurisdiction : '';
  if (jurisdiction === '') errors.push({ field: 'jurisdiction', rule: 'division_code', message: 'must be a six-digit GB/T 2260 division code' });
  let product: ComplainedProduct | undefined;
  if (d.product !== undefined && d.product !== null) {
    const p = isRecord(d.product) ? d.product : {};
    product = {
      name: checkText('product.name', p.name, COMPLAINT_FIELD_LIMITS.name, errors),
      model: checkText('product.model', p.model, COMPLAINT_FIELD_LIMITS.name, errors),
    };
  }
  const c = isRecord(d.complainant) ? d.complainant : {};
  if (!isRecord(d.complainant)) errors.push({ field: 'complainant', rule: 'required', message: 'is required' });
  const complainant: Complainant = { name: checkText('complainant.name', c.name, COMPLAINT_FIELD_LIMITS.name, errors), realName: c.realName === true };
  if (typeof c.realName !== 'boolean') errors.push({ field: 'complainant.realName', rule: 'type', message: 'must be true or false' });
  for (const key of ['idNumber', 'phone', 'email'] as const) {
    const value = checkOptionalText(`complainant.${key}`, c[key], COMPLAINT_FIELD_LIMITS.name, errors);
    if (value !== null) complainant[key] = value;
  }
  fail(errors);
  return {
    complaintId,
    kind,
    channel,
    uscc,
    ...(declarationId === null ? {} : { declarationId }),
    ...(product === undefined ? {} : { product }),
    facts,
    complainant,
    ...(harmKnownOn === null ? {} : { harmKnownOn }),
    receivedOn,
    jurisdiction,
  };
};

/** Field checks of the other commands: text fields, date fields, closed lists; throws COMPLAINT.VALIDATION_FAILED. */
export const validateFields = (
  data: unknown,
  spec: { text?: readonly string[]; dates?: readonly string[]; optionalDates?: readonly string[]; booleans?: readonly string[]; oneOf?: Record<string, readonly string[]> },
): Record<string, unknown> => {
  const errors: FieldError[] = [];
  const d = isRecord(data) ? data : {};
  const out: Record<string, unknown> = { complaintId: checkText('complaintId', d.complaintId, COMPLAINT_FIELD_LIMITS.id, errors) };
  for (const f of spec.text ?? []) out[f] = checkText(f, d[f], COMPLAINT_FIELD_LIMITS.text, errors);
  for (const f of spec.dates ?? []) out[f] = checkDate(f, d[f], errors);
  for (const f of spec.optionalDates ?? []) out[f] = d[f] === undefined || d[f] === null ? null : checkDate(f, d[f], errors);
  for (const f of spec.booleans ?? []) {
    if (typeof d[f] !== 'boolean') errors.push({ field: f, rule: 'type', message: 'must be true or false' });
    out[f] = d[f];
  }
  for (const [f, allowed] of Object.entries(spec.oneOf ?? {})) out[f] = checkOneOf(f, d[f], allowed, errors);
  fail(errors);
  return out;
};

