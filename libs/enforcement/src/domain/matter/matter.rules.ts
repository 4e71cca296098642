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
import { productKeyOf } from '@regledger/inspections/contracts';
import { normaliseUscc, usccDefect } from '@regledger/enterprises/contracts';
import { TRIGGER_KINDS, type FollowUpOutcome, type FollowUpRound, type MatterCloseOutcome, type MatterDeadlineKind, type MatterSubject, type MatterTrigger } from '../enforcement.types.js';
import { ENFORCEMENT_PERIODS, isPastDue } from '../enforcement.rules.js';
import type { RecordNonComplianceData } from './matter.commands.js';

export const MATTER_ERROR_CODES = Object.freeze({
  VALIDATION_FAILED: 'MATTER.VALIDATION_FAILED',
  FORBIDDEN: 'MATTER.FORBIDDEN',
  NOT_FOUND: 'MATTER.NOT_FOUND',
  CLOSED: 'MATTER.CLOSED',
  STEP_OUT_OF_ORDER: 'MATTER.STEP_OUT_OF_ORDER',
  WRONG_SUBJECT: 'MATTER.WRONG_SUBJECT',
  DATE_OUT_OF_ORDER: 'MATTER.DATE_OUT_OF_ORDER',
  FOLLOW_UP_TOO_EARLY: 'MATTER.FOLLOW_UP_TOO_EARLY',
  CORRECTION_PERIOD_RUNNING: 'MATTER.CORRECTION_PERIOD_RUNNING',
  UNKNOWN_COMMAND: 'MATTER.UNKNOWN_COMMAND',
});

export const MATTER_FIELD_LIMITS = Object.freeze({ id: 128, text: 2000, name: 200 });

/** One follow-up inspection of a matter and, once completed, its result. */
export interface FollowUpState {
  round: FollowUpRound;
  inspectionId: string;
  requestedOn: string;
  earliestOn: string | null;
  dueOn: string;
  result: { outcome: FollowUpOutcome; passed: boolean; completedOn: string } | null;
}

/** One matter as its events tell it; the read model keeps the same state. */
export interface MatterState {
  matterId: string;
  uscc: string;
  jurisdiction: string;
  subject: MatterSubject;
  openedOn: string;
  status: 'open' | 'closed';
  triggers: MatterTrigger[];
  stopSaleOn: string | null;
  correction: { orderedOn: string; correctionDueOn: string; followUpDueOn: string | null } | null;
  followUps: FollowUpState[];
  publicNotice: { issuedOn: string; earliestOn: string; dueOn: string } | null;
  suspension: { orderedOn: string; rectificationDueOn: string } | null;
  revokedOn: string | null;
  confirmation: { confirmedOn: string; note: string | null } | null;
  nonDisclosureOn: string | null;
  missed: { deadline: MatterDeadlineKind; dueOn: string; recordedOn: string }[];
  closed: { outcome: MatterCloseOutcome; reason: string | null; closedOn: string } | null;
  /** The latest date of any step: a later step is not dated before it. */
  lastStepOn: string;
}

// ---- subjects ----

/** The inspections' product key of a product (its name and model, domain.md §5), so matters and inspections name products alike. */
export { productKeyOf };

// ---- refusals ----

const outOfOrder = (m: MatterState, step: string, why: string): ConflictError =>
  new ConflictError(MATTER_ERROR_CODES.STEP_OUT_OF_ORDER, `${step} is out of order on matter ${m.matterId}: ${why}`, { matterId: m.matterId, step });

/** A step needs an open matter. */
export const assertMatterOpen = (m: MatterState): void => {
  if (m.status === 'closed') throw new ConflictError(MATTER_ERROR_CODES.CLOSED, `matter ${m.matterId} is closed`, { matterId: m.matterId, closed: m.closed });
};

/** Steps of the failed-product path apply to product subjects only (SAMR Order 18 arts. 44–50). */
export const assertProductSubject = (m: MatterState, step: string): void => {
  if (m.subject.kind !== 'product') throw new ConflictError(MATTER_ERROR_CODES.WRONG_SUBJECT, `${step} applies to a product matter; ${m.matterId} is about declaration duties`, { matterId: m.matterId, step });
};

/** Confirming a correction and publishing a non-disclosure apply to declaration duties only (Standardization Law art. 38). */
export const assertEnterpriseSubject = (m: MatterState, step: string): void => {
  if (m.subject.kind !== 'enterprise') throw new ConflictError(MATTER_ERROR_CODES.WRONG_SUBJECT, `${step} applies to a matter of declaration duties; ${m.matterId} is about a product`, { matterId: m.matterId, step });
};

export const followUpOf = (m: MatterState, round: FollowUpRound): FollowUpState | null => m.followUps.find((f) => f.round === round) ?? null;

const failed = (f: FollowUpState | null): boolean => f !== null && f.result !== null && !f.result.passed;

/** Step 1 comes once, first (SAMR Order 18 art. 44). */
export const assertMayOrderStopSale = (m: MatterState): void => {
  assertProductSubject(m, 'OrderStopSale');
  if (m.stopSaleOn !== null) throw outOfOrder(m, 'OrderStopSale', 'the stop of sales was already ordered');
};

/** The order to correct comes once; on a product after the stop of sales when the policy says so (SAMR Order 18 arts. 44–50). */
export const assertMayOrderCorrection = (m: MatterState, stopSaleFirst: boolean): void => {
  if (m.correction !== null) throw outOfOrder(m, 'OrderCorrection', 'the correction was already ordered');
  if (m.subject.kind === 'product' && stopSaleFirst && m.stopSaleOn === null) throw outOfOrder(m, 'OrderCorrection', 'the stop of sales comes first');
};

/** Round 1 follows the order to correct, round 2 the public notice, round 3 the suspension, each once (SAMR Order 18 arts. 44–50). */
export const assertMayRequestFollowUp = (m: MatterState, round: FollowUpRound): void => {
  assertProductSubject(m, 'RequestFollowUpInspection');
  if (followUpOf(m, round) !== null) throw outOfOrder(m, 'RequestFollowUpInspection', `follow-up round ${round} was already requested`);
  const ready = round === 1 ? m.correction !== null : round === 2 ? m.publicNotice !== null : m.suspension !== null;
  if (!ready) {
    const needs = round === 1 ? 'an order to correct' : round === 2 ? 'a public notice' : 'a suspension';
    throw outOfOrder(m, 'RequestFollowUpInspection', `follow-up round ${round} needs ${needs} first`);
  }
};

/** The second follow-up is carried out no earlier than 60 days after the notice (SAMR Order 18 arts. 44–50). */
export const assertNotBeforeEarliest = (on: string, earliestOn: string | null): void => {
  if (earliestOn !== null && on < earliestOn) {
    throw new RuleViolation(MATTER_ERROR_CODES.FOLLOW_UP_TOO_EARLY, `the second follow-up may not be requested before ${earliestOn}, ${ENFORCEMENT_PERIODS.secondFollowUpEarliestDays} days after the public notice`, {
      field: 'on',
      date: on,
      earliestOn,
    });
  }
};

/** A public notice follows a failed first follow-up (SAMR Order 18 arts. 44–50). */
export const assertMayIssuePublicNotice = (m: MatterState): FollowUpState => {
  assertProductSubject(m, 'IssuePublicNotice');
  if (m.publicNotice !== null) throw outOfOrder(m, 'IssuePublicNotice', 'the public notice was already issued');
  const first = followUpOf(m, 1);
  if (!failed(first)) throw outOfOrder(m, 'IssuePublicNotice', 'a public notice needs a failed first follow-up');
  return first as FollowUpState;
};

/** A suspension follows a failed second follow-up (SAMR Order 18 arts. 44–50). */
export const assertMayOrderSuspension = (m: MatterState): FollowUpState => {
  assertProductSubject(m, 'OrderSuspension');
  if (m.suspension !== null) throw outOfOrder(m, 'OrderSuspension', 'the suspension was already ordered');
  const second = followUpOf(m, 2);
  if (!failed(second)) throw outOfOrder(m, 'OrderSuspension', 'a suspension needs a failed second follow-up');
  return second as FollowUpState;
};

/** Revocation follows a failed third follow-up (SAMR Order 18 arts. 44–50). */
export const assertMayRevokeLicence = (m: MatterState): FollowUpState => {
  assertProductSubject(m, 'RevokeLicence');
  const third = followUpOf(m, 3);
  if (!failed(third)) throw outOfOrder(m, 'RevokeLicence', 'revocation needs a failed third follow-up');
  return third as FollowUpState;
};

/** A correction of declaration duties is confirmed after it was ordered (Standardization Law art. 38). */
export const assertMayConfirmCorrection = (m: MatterState): void => {
  assertEnterpriseSubject(m, 'ConfirmCorrection');
  if (m.correction === null) throw outOfOrder(m, 'ConfirmCorrection', 'no correction was ordered');
};

/** The failure is published only once its correction deadline passed uncorrected (Standardization Law art. 38). */
export const assertMayPublishNonDisclosure = (m: MatterState, on: string): void => {
  assertEnterpriseSubject(m, 'PublishNonDisclosure');
  if (m.correction === null) throw outOfOrder(m, 'PublishNonDisclosure', 'no correction was ordered');
  if (m.nonDisclosureOn !== null) throw outOfOrder(m, 'PublishNonDisclosure', 'the failure was already published');
  if (!isPastDue(m.correction.correctionDueOn, on)) {
    throw new RuleViolation(MATTER_ERROR_CODES.CORRECTION_PERIOD_RUNNING, `the correction is due by ${m.correction.correctionDueOn}; it cannot be published as uncorrected before then (Standardization Law art. 38)`, {
      field: 'on',
      date: on,
      correctionDueOn: m.correction.correctionDueOn,
    });
  }
};

/** A step's date does not fall before the previous step's. */
export const assertNotBefore = (field: string, date: string, earliest: string): void => {
  if (date < earliest) throw new RuleViolation(MATTER_ERROR_CODES.DATE_OUT_OF_ORDER, `${field} ${date} is before ${earliest}, the date of the previous step`, { field, date, earliest });
};

export const matterNotFound = (matterId: string): NotFoundError => new NotFoundError(MATTER_ERROR_CODES.NOT_FOUND, `no matter ${matterId}`, { matterId });

// ---- deadlines ----

export interface MatterDeadline {
  deadline: MatterDeadlineKind;
  dueOn: string;
  /** The follow-up round the deadline belongs to, for follow-ups. */
  round: FollowUpRound | null;
}

/**
 * The deadlines still running on a matter: for declaration duties the correction until confirmed or published
 * (Standardization Law art. 38); for a product the follow-up of the current round until its result is in
 * (round 1: 75 days after the order, round 2: 90 days after the notice, round 3: the end of rectification;
 * SAMR Order 18 arts. 44–50). A closed matter has none.
 */
export const openMatterDeadlines = (m: MatterState): MatterDeadline[] => {
  if (m.status === 'closed') return [];
  if (m.subject.kind === 'enterprise') {
    return m.correction !== null && m.confirmation === null && m.nonDisclosureOn === null ? [{ deadline: 'correction', dueOn: m.correction.correctionDueOn, round: null }] : [];
  }
  const stages: { round: FollowUpRound; started: boolean; dueOn: string | null }[] = [
    { round: 1, started: m.correction !== null, dueOn: m.correction?.followUpDueOn ?? null },
    { round: 2, started: m.publicNotice !== null, dueOn: m.publicNotice?.dueOn ?? null },
    { round: 3, started: m.suspension !== null, dueOn: m.suspension?.rectificationDueOn ?? null },
  ];
  const out: MatterDeadline[] = [];
  for (const s of stages) {
    if (!s.started) continue;
    const f = followUpOf(m, s.round);
    if (f?.result) continue;
    const dueOn = f?.dueOn ?? s.dueOn;
    if (dueOn !== null) out.push({ deadline: 'follow_up', dueOn, round: s.round });
  }
  return out.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
};

/** One fact per matter, deadline kind and due date. */
export const matterDeadlineMissKey = (matterId: string, deadline: MatterDeadlineKind, dueOn: string): string => `${matterId}:${deadline}:${dueOn}`;

// ---- validation ----

/** The China date of the command's clock. */
export const matterCommandDate = (now: string): string => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, MATTER_ERROR_CODES.VALIDATION_FAILED);
  return today;
};

/** A step's date: `on` when given, else today; a person's step never after today (facts, not plans). */
export const matterStepDate = (field: string, on: string | null, today: string, byTheSystem: boolean): string => {
  const date = on ?? today;
  if (!byTheSystem && date > today) {
    throw new ValidationError([{ field, rule: 'not_after_today', message: `must not be after today (${today})` }], MATTER_ERROR_CODES.VALIDATION_FAILED);
  }
  return date;
};

export interface ValidNonCompliance {
  uscc: string;
  jurisdiction: string;
  subject: MatterSubject;
  trigger: MatterTrigger;
}

/** Validates a non-compliance: a valid USCC, a jurisdiction, a subject and a dated trigger; every failure at once. */
export const validateRecordNonCompliance = (data: RecordNonComplianceData): ValidNonCompliance => {
  const errors: FieldError[] = [];
  const d: Record<string, unknown> = isRecord(data) ? data : {};
  const uscc = normaliseUscc(checkText('uscc', d.uscc, 18, errors));
  const fault = uscc === '' ? null : usccDefect(uscc);
  if (fault !== null) errors.push({ field: 'uscc', rule: fault, message: 'must be a valid unified social credit code (GB 32100-2015)' });
  const jurisdiction = checkDivisionCode('jurisdiction', d.jurisdiction, errors);
  const s = isRecord(d.subject) ? d.subject : {};
  const kind = checkOneOf('subject.kind', s.kind, ['product', 'enterprise'] as const, errors);
  let subject: MatterSubject = { kind: 'enterprise' };
  if (kind === 'product') {
    const p = isRecord(s.product) ? s.product : {};
    const product = { name: checkText('subject.product.name', p.name, MATTER_FIELD_LIMITS.name, errors), model: checkText('subject.product.model', p.model, MATTER_FIELD_LIMITS.name, errors) };
    subject = { kind: 'product', productKey: typeof s.productKey === 'string' && s.productKey !== '' ? s.productKey : productKeyOf(product), product };
  }
  const t = isRecord(d.trigger) ? d.trigger : {};
  if (!isRecord(d.trigger)) errors.push({ field: 'trigger', rule: 'required', message: 'is required' });
  const trigger: MatterTrigger = {
    kind: checkOneOf('trigger.kind', t.kind, TRIGGER_KINDS, errors),
    sourceEventId: checkOptionalText('trigger.sourceEventId', t.sourceEventId, MATTER_FIELD_LIMITS.id, errors),
    sourceStreamId: checkOptionalText('trigger.sourceStreamId', t.sourceStreamId, MATTER_FIELD_LIMITS.name, errors),
    reference: checkOptionalText('trigger.reference', t.reference, MATTER_FIELD_LIMITS.name, errors),
    occurredOn: checkDate('trigger.occurredOn', t.occurredOn, errors),
    description: checkOptionalText('trigger.description', t.description, MATTER_FIELD_LIMITS.text, errors),
  };
  throwIfFieldErrors(errors, MATTER_ERROR_CODES.VALIDATION_FAILED);
  return { uscc, jurisdiction, subject, trigger };
};

export interface MatterFieldSpec {
  text?: readonly string[];
  optionalText?: readonly string[];
  dates?: readonly string[];
  optionalDates?: readonly string[];
  oneOf?: Record<string, readonly string[]>;
  rounds?: readonly string[];
}

/** Field checks of the step commands; throws MATTER.VALIDATION_FAILED naming every failing field. */
export const validateMatterFields = (data: unknown, spec: MatterFieldSpec): Record<string, unknown> => {
  const errors: FieldError[] = [];
  const d = isRecord(data) ? data : {};
  const out: Record<string, unknown> = { matterId: checkText('matterId', d.matterId, MATTER_FIELD_LIMITS.id, errors) };
  for (const f of spec.text ?? []) out[f] = checkText(f, d[f], MATTER_FIELD_LIMITS.text, errors);
  for (const f of spec.optionalText ?? []) out[f] = checkOptionalText(f, d[f], MATTER_FIELD_LIMITS.text, errors);
  for (const f of spec.dates ?? []) out[f] = checkDate(f, d[f], errors);
  for (const f of spec.optionalDates ?? []) out[f] = d[f] === undefined || d[f] === null ? null : checkDate(f, d[f], errors);
  for (const [f, allowed] of Object.entries(spec.oneOf ?? {})) out[f] = checkOneOf(f, d[f], allowed, errors);
  for (const f of spec.rounds ?? []) {
    if (d[f] !== 1 && d[f] !== 2 && d[f] !== 3) errors.push({ field: f, rule: 'one_of', message: 'must be 1, 2 or 3' });
    out[f] = d[f];
  }
  throwIfFieldErrors(errors, MATTER_ERROR_CODES.VALIDATION_FAILED);
  return out;
};

/** Namespace of the follow-up inspection ids. */
const FOLLOW_UP_NAMESPACE = '8c7f3f4e-2b4a-4d0e-9a57-5e3f0c6a1d92';

/** The follow-up inspection's id, derived from the matter and the round, so ordering it again names the same inspection. */
export const followUpInspectionIdFor = (matterId: string, round: FollowUpRound): string =>
  uuidForRetry(FOLLOW_UP_NAMESPACE, { actorId: matterId, idempotencyKey: `round-${round}` }, 'follow-up:');
