import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  ValidationError,
  addWorkingDays,
  addWorkingDaysWithPauses,
  checkBoolean,
  checkCommandDate,
  checkDate,
  checkDivisionCode,
  checkOneOf,
  checkOptionalDate,
  checkOptionalText,
  checkText,
  isCalendarDate,
  isRecord,
  throwIfFieldErrors,
} from '@regledger/shared';
import type { FieldError, WorkingDayPause } from '@regledger/shared';
import { normaliseUscc, usccDefect } from '@regledger/enterprises/contracts';
import { COMPLAINT_CHANNELS, COMPLAINT_DEADLINE_KINDS, COMPLAINT_KINDS } from './complaint.commands.js';
import type { Complainant, ComplainedProduct, ComplaintDeadlineKind, ComplaintKind, IntakeFacts, ReceiveComplaintData } from './complaint.commands.js';
import type { ComplaintState, ComplaintStatus } from './complaint.decider.js';

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
  MEDIATION_PERIOD_OVER: 'COMPLAINT.MEDIATION_PERIOD_OVER',
  VERIFICATION_PERIOD_OVER: 'COMPLAINT.VERIFICATION_PERIOD_OVER',
  REPORTER_NOTICE_PENDING: 'COMPLAINT.REPORTER_NOTICE_PENDING',
  DECLARATION_NOT_FOUND: 'COMPLAINT.DECLARATION_NOT_FOUND',
  VERSION_MISMATCH: 'COMPLAINT.VERSION_MISMATCH',
  UNKNOWN_COMMAND: 'COMPLAINT.UNKNOWN_COMMAND',
  IDENTITY_NOT_SEALED: 'COMPLAINT.IDENTITY_NOT_SEALED',
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

/** A settlement dated after the end of mediation is not one mediation reached (art. 21). */
export const assertWithinMediationPeriod = (state: ComplaintState, field: string, on: string): void => {
  if (state.mediationEndsOn !== null && on > state.mediationEndsOn) {
    throw new RuleViolation(COMPLAINT_ERROR_CODES.MEDIATION_PERIOD_OVER, `mediation ended without agreement on ${state.mediationEndsOn} (art. 21)`, {
      field,
      date: on,
      mediationEndsOn: state.mediationEndsOn,
    });
  }
};

/** The one extension is decided while the verification period still runs (art. 23). */
export const assertWithinVerificationPeriod = (state: ComplaintState, on: string): void => {
  if (state.verificationDueOn !== null && on > state.verificationDueOn) {
    throw new RuleViolation(COMPLAINT_ERROR_CODES.VERIFICATION_PERIOD_OVER, `verification was due on ${state.verificationDueOn}; it can no longer be extended (art. 23)`, {
      field: 'on',
      date: on,
      verificationDueOn: state.verificationDueOn,
    });
  }
};

/** A report is not closed while its real-name reporter still waits to be told of the case decision (art. 31). */
export const assertReporterNotPending = (state: ComplaintState): void => {
  if (state.reporterNotificationDueOn !== null && state.reporterNotifiedOn === null) {
    throw rule(COMPLAINT_ERROR_CODES.REPORTER_NOTICE_PENDING, `the reporter must be told of the case decision by ${state.reporterNotificationDueOn} before closing`, state);
  }
};

/** A complaint naming a declaration names one the enterprise has made (`declarations-<USCC>` stream). */
export const assertNamedDeclarationKnown = (declarationId: string | null, intake: IntakeFacts | null): void => {
  if (declarationId !== null && intake !== null && intake.declarationFound === false) {
    throw new RuleViolation(COMPLAINT_ERROR_CODES.DECLARATION_NOT_FOUND, `declaration ${declarationId} is not a declaration of this enterprise`, {
      field: 'declarationId',
      declarationId,
    });
  }
};

// ---- deadlines as facts ----

/** What the open deadlines of a complaint depend on (the decider state and the read model both provide it). */
export interface ComplaintDeadlineFacts {
  kind: ComplaintKind | null;
  status: ComplaintStatus;
  acceptanceDueOn: string | null;
  mediationEndsOn: string | null;
  mediationRecorded: boolean;
  verificationDueOn: string | null;
  caseDecided: boolean;
  reporterNotificationDueOn: string | null;
  reporterNotified: boolean;
}

export interface OpenDeadline {
  deadline: ComplaintDeadlineKind;
  /** YYYY-MM-DD, the last day the step is in time. */
  dueOn: string;
}

export interface DeadlineOnDate extends OpenDeadline {
  /** The date asked about is after dueOn. */
  overdue: boolean;
}

/**
 * The deadlines still running: acceptance until accepted or rejected (art. 14); for a complaint, the end
 * of mediation until mediation is recorded, not while testing pauses it (arts. 20–21); for a report,
 * verification until the case is decided (art. 23) and the real-name reporter's notice until given (art. 31).
 * A closed complaint has none. Ordered by due date.
 */
export const openDeadlines = (f: ComplaintDeadlineFacts): OpenDeadline[] => {
  const open: OpenDeadline[] = [];
  if (f.status === 'received' && f.acceptanceDueOn !== null) open.push({ deadline: 'acceptance', dueOn: f.acceptanceDueOn });
  if (f.status === 'accepted') {
    if (f.kind === 'complaint' && !f.mediationRecorded && f.mediationEndsOn !== null) open.push({ deadline: 'mediation_end', dueOn: f.mediationEndsOn });
    if (f.kind === 'report' && !f.caseDecided && f.verificationDueOn !== null) open.push({ deadline: 'verification', dueOn: f.verificationDueOn });
  }
  if (f.status !== 'closed' && f.reporterNotificationDueOn !== null && !f.reporterNotified) {
    open.push({ deadline: 'reporter_notification', dueOn: f.reporterNotificationDueOn });
  }
  return open.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
};

/** A deadline is missed once the date is after its due date: "within N working days" includes the N-th day (arts. 14, 21, 23, 31). */
export const isDeadlinePassed = (dueOn: string, date: string): boolean => date > dueOn;

/** The open deadlines as they stand on a date, with overdue flags; ordered by due date, so overdue ones come first. */
export const deadlinesOn = (f: ComplaintDeadlineFacts, date: string): DeadlineOnDate[] =>
  openDeadlines(f).map((d) => ({ ...d, overdue: isDeadlinePassed(d.dueOn, date) }));

/** The idempotency of a missed deadline: one fact per complaint, deadline kind and due date. */
export const deadlineMissKey = (complaintId: string, deadline: ComplaintDeadlineKind, dueOn: string): string => `${complaintId}:${deadline}:${dueOn}`;

// ---- dates of steps ----

/** A step's date: `on` when given, else today; never after today (facts, not plans). */
export const stepDate = (field: string, on: string | null, today: string): string => {
  const date = on ?? today;
  if (date > today) throw new ValidationError([{ field, rule: 'not_after_today', message: `must not be after today (${today})` }], COMPLAINT_ERROR_CODES.VALIDATION_FAILED);
  return date;
};

// ---- validation ----

/** The China date the command is decided on, from its metadata clock. */
export const commandDate = (now: string): string => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, COMPLAINT_ERROR_CODES.VALIDATION_FAILED);
  return today;
};

const checkIntake = (value: unknown): IntakeFacts | null => {
  if (!isRecord(value)) return null;
  return {
    enterpriseRegistered: value.enterpriseRegistered === true,
    enterpriseName: typeof value.enterpriseName === 'string' ? value.enterpriseName : null,
    declarationFound: typeof value.declarationFound === 'boolean' ? value.declarationFound : null,
  };
};

export type ValidReceiveComplaint = Omit<ReceiveComplaintData, 'intake'> & { intake: IntakeFacts | null };

/** Validates and normalises a receipt against today; throws COMPLAINT.VALIDATION_FAILED with every failure. */
export const validateReceiveComplaint = (data: ReceiveComplaintData, today: string): ValidReceiveComplaint => {
  const errors: FieldError[] = [];
  const d: Record<string, unknown> = isRecord(data) ? data : {};
  const complaintId = checkText('complaintId', d.complaintId, COMPLAINT_FIELD_LIMITS.id, errors);
  const kind = checkOneOf('kind', d.kind, COMPLAINT_KINDS, errors);
  const channel = checkOneOf('channel', d.channel, COMPLAINT_CHANNELS, errors);
  const uscc = normaliseUscc(checkText('uscc', d.uscc, 18, errors));
  const usccFault = uscc === '' ? null : usccDefect(uscc);
  if (usccFault !== null) errors.push({ field: 'uscc', rule: usccFault, message: 'must be a valid unified social credit code (GB 32100-2015)' });
  const declarationId = checkOptionalText('declarationId', d.declarationId, COMPLAINT_FIELD_LIMITS.id, errors);
  const facts = checkText('facts', d.facts, COMPLAINT_FIELD_LIMITS.facts, errors);
  const receivedOn = checkDate('receivedOn', d.receivedOn, errors);
  if (receivedOn !== '' && receivedOn > today) errors.push({ field: 'receivedOn', rule: 'not_after_today', message: `must not be after today (${today})` });
  const harmKnownOn = checkOptionalDate('harmKnownOn', d.harmKnownOn, errors);
  if (harmKnownOn && receivedOn && harmKnownOn > receivedOn) errors.push({ field: 'harmKnownOn', rule: 'not_after_receipt', message: 'must not be after receivedOn' });
  const jurisdiction = checkDivisionCode('jurisdiction', d.jurisdiction, errors);
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
  const complainant: Complainant = {
    name: checkText('complainant.name', c.name, COMPLAINT_FIELD_LIMITS.name, errors),
    realName: checkBoolean('complainant.realName', c.realName, errors),
  };
  for (const key of ['idNumber', 'phone', 'email'] as const) {
    const value = checkOptionalText(`complainant.${key}`, c[key], COMPLAINT_FIELD_LIMITS.name, errors);
    if (value !== null) complainant[key] = value;
  }
  throwIfFieldErrors(errors, COMPLAINT_ERROR_CODES.VALIDATION_FAILED);
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
    intake: checkIntake(d.intake),
  };
};

export interface FieldSpec {
  text?: readonly string[];
  dates?: readonly string[];
  optionalDates?: readonly string[];
  booleans?: readonly string[];
  oneOf?: Record<string, readonly string[]>;
}

/** Field checks of the other commands: text fields, date fields, closed lists; throws COMPLAINT.VALIDATION_FAILED. */
export const validateFields = (data: unknown, spec: FieldSpec): Record<string, unknown> => {
  const errors: FieldError[] = [];
  const d = isRecord(data) ? data : {};
  const out: Record<string, unknown> = { complaintId: checkText('complaintId', d.complaintId, COMPLAINT_FIELD_LIMITS.id, errors) };
  for (const f of spec.text ?? []) out[f] = checkText(f, d[f], COMPLAINT_FIELD_LIMITS.text, errors);
  for (const f of spec.dates ?? []) out[f] = checkDate(f, d[f], errors);
  for (const f of spec.optionalDates ?? []) out[f] = checkOptionalDate(f, d[f], errors);
  for (const f of spec.booleans ?? []) out[f] = checkBoolean(f, d[f], errors);
  for (const [f, allowed] of Object.entries(spec.oneOf ?? {})) out[f] = checkOneOf(f, d[f], allowed, errors);
  throwIfFieldErrors(errors, COMPLAINT_ERROR_CODES.VALIDATION_FAILED);
  return out;
};

/** The deadline kinds a schedule may report missed. */
export const DEADLINE_FIELD_SPEC: FieldSpec = { dates: ['dueOn'], oneOf: { deadline: COMPLAINT_DEADLINE_KINDS } };
