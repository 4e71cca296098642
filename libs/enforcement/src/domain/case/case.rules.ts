import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  ValidationError,
  checkCommandDate,
  checkDate,
  checkDivisionCode,
  checkOneOf,
  checkOptionalText,
  checkText,
  isRecord,
  throwIfFieldErrors,
  uuidForRetry,
  type FieldError,
} from '@regledger/shared';
import { normaliseUscc, usccDefect } from '@regledger/enterprises/contracts';
import {
  LEAD_SOURCE_KINDS,
  PENALTY_KINDS,
  type CaseCloseOutcome,
  type CaseDeadlineKind,
  type CasePauseKind,
  type Penalty,
  type PenaltyPublication,
  type PenaltySector,
} from '../enforcement.types.js';
import { isPastDue } from '../enforcement.rules.js';
import type { LeadSource } from './case.events.js';
import type { RegisterLeadData } from './case.commands.js';

export const CASE_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'CASE.VALIDATION_FAILED',
  FORBIDDEN: 'CASE.FORBIDDEN',
  NOT_FOUND: 'CASE.NOT_FOUND',
  ALREADY_EXISTS: 'CASE.ALREADY_EXISTS',
  CLOSED: 'CASE.CLOSED',
  STEP_OUT_OF_ORDER: 'CASE.STEP_OUT_OF_ORDER',
  ALREADY_EXTENDED: 'CASE.ALREADY_EXTENDED',
  PAUSED: 'CASE.PAUSED',
  NOT_PAUSED: 'CASE.NOT_PAUSED',
  PERIOD_OVER: 'CASE.PERIOD_OVER',
  DATE_OUT_OF_ORDER: 'CASE.DATE_OUT_OF_ORDER',
  NOT_PUBLISHABLE: 'CASE.NOT_PUBLISHABLE',
  ALREADY_PUBLISHED: 'CASE.ALREADY_PUBLISHED',
  NOT_PUBLISHED: 'CASE.NOT_PUBLISHED',
  UNKNOWN_COMMAND: 'CASE.UNKNOWN_COMMAND',
});

export const CASE_FIELD_LIMITS = Object.freeze({ id: 128, text: 2000, name: 200 });

/** One case stream as its events tell it; the read model keeps the same state. */
export interface CaseState {
  caseId: string;
  uscc: string;
  jurisdiction: string;
  matterId: string | null;
  productKey: string | null;
  source: LeadSource;
  summary: string;
  discoveredOn: string;
  status: 'lead' | 'open' | 'closed';
  verificationDueOn: string;
  verificationExtended: boolean;
  openedOn: string | null;
  decisionDueOn: string | null;
  decisionExtension: { approvalReference: string } | null;
  pause: { kind: CasePauseKind; from: string } | null;
  pauses: { kind: CasePauseKind; from: string; resumedOn: string; days: number }[];
  notOpened: { reason: string; decidedOn: string } | null;
  decision: { decidedOn: string; penalties: Penalty[]; heavy: boolean; sector: PenaltySector; legalBasis: string; publication: PenaltyPublication } | null;
  publication: { publishedOn: string; shownUntil: string; late: boolean } | null;
  publicationEnded: { endedOn: string; reason: 'window_elapsed' | 'credit_repair'; repairId: string | null } | null;
  publicationOverdueOn: string | null;
  missed: { deadline: CaseDeadlineKind; dueOn: string; recordedOn: string }[];
  closed: { outcome: CaseCloseOutcome; closedOn: string } | null;
  lastStepOn: string;
}

// ---- refusals ----

const outOfOrder = (c: CaseState, step: string, why: string): ConflictError =>
  new ConflictError(CASE_ERROR_CODES.STEP_OUT_OF_ORDER, `${step} is out of order on case ${c.caseId}: ${why}`, { caseId: c.caseId, step });

export const caseNotFound = (caseId: string): NotFoundError => new NotFoundError(CASE_ERROR_CODES.NOT_FOUND, `no case ${caseId}`, { caseId });

/** A case id names one case: registering it again is refused. */
export const assertCaseNew = (c: CaseState | null, caseId: string): void => {
  if (c !== null) throw new ConflictError(CASE_ERROR_CODES.ALREADY_EXISTS, `case ${caseId} already exists`, { caseId });
};

/** Steps before the decision need a case that is not closed. */
export const assertCaseNotClosed = (c: CaseState): void => {
  if (c.status === 'closed') throw new ConflictError(CASE_ERROR_CODES.CLOSED, `case ${c.caseId} is closed`, { caseId: c.caseId, closed: c.closed });
};

/** Verification steps need a lead not yet decided on (art. 18). */
export const assertLead = (c: CaseState, step: string): void => {
  assertCaseNotClosed(c);
  if (c.status !== 'lead') throw outOfOrder(c, step, 'the case was already opened');
};

/** Decision steps need an opened case (art. 60). */
export const assertOpened = (c: CaseState, step: string): void => {
  assertCaseNotClosed(c);
  if (c.status !== 'open') throw outOfOrder(c, step, 'the case has not been opened');
};

/** The verification is extended once, while it runs (art. 18). */
export const assertMayExtendVerification = (c: CaseState, on: string): void => {
  assertLead(c, 'ExtendLeadVerification');
  if (c.verificationExtended) throw new ConflictError(CASE_ERROR_CODES.ALREADY_EXTENDED, 'the verification was already extended once (art. 18)', { caseId: c.caseId });
  if (isPastDue(c.verificationDueOn, on)) {
    throw new RuleViolation(CASE_ERROR_CODES.PERIOD_OVER, `verification was due on ${c.verificationDueOn}; it can no longer be extended (art. 18)`, { field: 'on', date: on, dueOn: c.verificationDueOn });
  }
};

/** One pause at a time (art. 60). */
export const assertNotPaused = (c: CaseState, step: string): void => {
  if (c.pause !== null) throw new ConflictError(CASE_ERROR_CODES.PAUSED, `${step}: the case is paused for ${c.pause.kind} since ${c.pause.from}`, { caseId: c.caseId, pause: c.pause });
};

/** Resuming needs a pause. */
export const assertPaused = (c: CaseState): { kind: CasePauseKind; from: string } => {
  if (c.pause === null) throw new ConflictError(CASE_ERROR_CODES.NOT_PAUSED, `case ${c.caseId} is not paused`, { caseId: c.caseId });
  return c.pause;
};

/** The decision deadline is extended once, with approval, while it runs (art. 60). */
export const assertMayExtendDecision = (c: CaseState, on: string): void => {
  assertOpened(c, 'ExtendDecisionDeadline');
  assertNotPaused(c, 'ExtendDecisionDeadline');
  if (c.decisionExtension !== null) throw new ConflictError(CASE_ERROR_CODES.ALREADY_EXTENDED, 'the decision deadline was already extended once (art. 60)', { caseId: c.caseId });
  if (c.decisionDueOn !== null && isPastDue(c.decisionDueOn, on)) {
    throw new RuleViolation(CASE_ERROR_CODES.PERIOD_OVER, `the decision was due on ${c.decisionDueOn}; it can no longer be extended (art. 60)`, { field: 'on', date: on, dueOn: c.decisionDueOn });
  }
};

/** A decided penalty that must be published, not yet published (SAMR Order 45). */
export const assertMayPublish = (c: CaseState): NonNullable<CaseState['decision']> => {
  if (c.decision === null || !c.decision.publication.required) {
    throw new ConflictError(CASE_ERROR_CODES.NOT_PUBLISHABLE, `case ${c.caseId} has no penalty to publish (no decision, no penalty, or a bare warning)`, { caseId: c.caseId });
  }
  if (c.publication !== null) throw new ConflictError(CASE_ERROR_CODES.ALREADY_PUBLISHED, `case ${c.caseId} was published on ${c.publication.publishedOn}`, { caseId: c.caseId });
  return c.decision;
};

/** Ending a publication needs one that is shown. */
export const assertShown = (c: CaseState): NonNullable<CaseState['publication']> => {
  if (c.publication === null || c.publicationEnded !== null) {
    throw new ConflictError(CASE_ERROR_CODES.NOT_PUBLISHED, `case ${c.caseId} has no penalty publication being shown`, { caseId: c.caseId });
  }
  return c.publication;
};

/** A step's date does not fall before the previous step's. */
export const assertCaseNotBefore = (field: string, date: string, earliest: string): void => {
  if (date < earliest) throw new RuleViolation(CASE_ERROR_CODES.DATE_OUT_OF_ORDER, `${field} ${date} is before ${earliest}, the date of the previous step`, { field, date, earliest });
};

// ---- deadlines ----

export type CaseDeadlineView = { deadline: CaseDeadlineKind | 'publication'; dueOn: string };

/**
 * The deadlines still running: the lead's verification until the case is opened or not (art. 18); the decision
 * until decided, not while paused (art. 60); the publication of a decided penalty until published (SAMR Order 45).
 */
export const openCaseDeadlines = (c: CaseState): CaseDeadlineView[] => {
  const out: CaseDeadlineView[] = [];
  if (c.status === 'lead') out.push({ deadline: 'verification', dueOn: c.verificationDueOn });
  if (c.status === 'open' && c.pause === null && c.decisionDueOn !== null) out.push({ deadline: 'decision', dueOn: c.decisionDueOn });
  if (c.decision?.publication.required && c.decision.publication.dueOn !== null && c.publication === null) out.push({ deadline: 'publication', dueOn: c.decision.publication.dueOn });
  return out;
};

export const caseDeadlineMissKey = (caseId: string, deadline: CaseDeadlineKind, dueOn: string): string => `${caseId}:${deadline}:${dueOn}`;

// ---- ids ----

const REPORT_CASE_NAMESPACE = '5d2a4f1c-7b3e-4c8a-9f61-2e0d7a4b9c35';

/** The case opened on a verified report: derived from the complaint id, so reacting again opens nothing new. */
export const caseIdForReport = (complaintId: string): string => uuidForRetry(REPORT_CASE_NAMESPACE, { actorId: complaintId, idempotencyKey: 'case' }, 'report:');

// ---- validation ----

export const caseCommandDate = (now: string): string => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, CASE_ERROR_CODES.VALIDATION_FAILED);
  return today;
};

/** A step's date: `on` when given, else today; a person's step never after today. */
export const caseStepDate = (field: string, on: string | null, today: string, byTheSystem: boolean): string => {
  const date = on ?? today;
  if (!byTheSystem && date > today) throw new ValidationError([{ field, rule: 'not_after_today', message: `must not be after today (${today})` }], CASE_ERROR_CODES.VALIDATION_FAILED);
  return date;
};

export interface ValidLead {
  caseId: string;
  uscc: string;
  jurisdiction: string;
  matterId: string | null;
  productKey: string | null;
  source: LeadSource;
  summary: string;
  discoveredOn: string;
}

export const validateLead = (data: RegisterLeadData): ValidLead => {
  const errors: FieldError[] = [];
  const d: Record<string, unknown> = isRecord(data) ? data : {};
  const caseId = checkText('caseId', d.caseId, CASE_FIELD_LIMITS.id, errors);
  const uscc = normaliseUscc(checkText('uscc', d.uscc, 18, errors));
  const fault = uscc === '' ? null : usccDefect(uscc);
  if (fault !== null) errors.push({ field: 'uscc', rule: fault, message: 'must be a valid unified social credit code (GB 32100-2015)' });
  const s = isRecord(d.source) ? d.source : {};
  if (!isRecord(d.source)) errors.push({ field: 'source', rule: 'required', message: 'is required' });
  const lead: ValidLead = {
    caseId,
    uscc,
    jurisdiction: checkDivisionCode('jurisdiction', d.jurisdiction, errors),
    matterId: checkOptionalText('matterId', d.matterId, CASE_FIELD_LIMITS.id, errors),
    productKey: checkOptionalText('productKey', d.productKey, CASE_FIELD_LIMITS.text, errors),
    source: { kind: checkOneOf('source.kind', s.kind, LEAD_SOURCE_KINDS, errors), reference: checkOptionalText('source.reference', s.reference, CASE_FIELD_LIMITS.name, errors) },
    summary: checkText('summary', d.summary, CASE_FIELD_LIMITS.text, errors),
    discoveredOn: checkDate('discoveredOn', d.discoveredOn, errors),
  };
  throwIfFieldErrors(errors, CASE_ERROR_CODES.VALIDATION_FAILED);
  return lead;
};

/** Penalties: known kinds; fines and confiscations with a positive amount in yuan, other kinds without one. */
export const validatePenalties = (value: unknown, errors: FieldError[]): Penalty[] => {
  if (!Array.isArray(value)) {
    errors.push({ field: 'penalties', rule: 'type', message: 'must be a list (empty for no penalty)' });
    return [];
  }
  return value.map((p: unknown, i) => {
    const r = isRecord(p) ? p : {};
    const kind = checkOneOf(`penalties[${i}].kind`, r.kind, PENALTY_KINDS, errors);
    const amount = r.amountYuan ?? null;
    const needsAmount = kind === 'fine' || kind === 'confiscation';
    if (needsAmount && (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)) {
      errors.push({ field: `penalties[${i}].amountYuan`, rule: 'positive_amount', message: 'a fine or confiscation needs a positive amount in yuan' });
    }
    if (!needsAmount && amount !== null) errors.push({ field: `penalties[${i}].amountYuan`, rule: 'no_amount', message: `a ${kind} has no amount` });
    return { kind, amountYuan: needsAmount && typeof amount === 'number' ? amount : null };
  });
};

export interface CaseFieldSpec {
  text?: readonly string[];
  optionalText?: readonly string[];
  dates?: readonly string[];
  optionalDates?: readonly string[];
  oneOf?: Record<string, readonly string[]>;
  penalties?: boolean;
}

/** Field checks of the case steps; throws CASE.VALIDATION_FAILED naming every failing field. */
export const validateCaseFields = (data: unknown, spec: CaseFieldSpec): Record<string, unknown> => {
  const errors: FieldError[] = [];
  const d = isRecord(data) ? data : {};
  const out: Record<string, unknown> = { caseId: checkText('caseId', d.caseId, CASE_FIELD_LIMITS.id, errors) };
  for (const f of spec.text ?? []) out[f] = checkText(f, d[f], CASE_FIELD_LIMITS.text, errors);
  for (const f of spec.optionalText ?? []) out[f] = checkOptionalText(f, d[f], CASE_FIELD_LIMITS.text, errors);
  for (const f of spec.dates ?? []) out[f] = checkDate(f, d[f], errors);
  for (const f of spec.optionalDates ?? []) out[f] = d[f] === undefined || d[f] === null ? null : checkDate(f, d[f], errors);
  for (const [f, allowed] of Object.entries(spec.oneOf ?? {})) out[f] = checkOneOf(f, d[f], allowed, errors);
  if (spec.penalties) out.penalties = validatePenalties(d.penalties, errors);
  throwIfFieldErrors(errors, CASE_ERROR_CODES.VALIDATION_FAILED);
  return out;
};

