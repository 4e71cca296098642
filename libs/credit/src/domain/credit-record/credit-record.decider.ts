import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  ValidationError,
  checkBoolean,
  checkCommandDate,
  checkDate,
  checkOneOf,
  checkOptionalDate,
  checkText,
  isRecord,
  throwIfFieldErrors,
  type Decider,
  type FieldError,
} from '@regledger/shared';
import { assertMayActOrSystem, assertMayApplyForRepair, assertSystemOrAdmin, isSystem } from '../credit-access.policy.js';
import {
  CREDIT_ERROR_CODES,
  CREDIT_STATUTORY_PERIODS,
  abnormalEscalationOn,
  earliestEarlyRemovalOn,
  earliestPublicationRepairOn,
  earlyRemovalConditionsMet,
  heavyPenaltySince,
  isAfter,
  isSeriousTermElapsed,
  seriousListedUntil,
} from '../credit.rules.js';
import { ABNORMAL_REASONS, ENTRY_KINDS, type ClassChangeReason, type EntrySource, type RepairTarget } from '../credit.types.js';
import { policyInForceOn } from '../scoring-policy/scoring-policy.rules.js';
import type { CreditCommand, CreditFacts } from './credit-record.commands.js';
import type { CreditEvent } from './credit-record.events.js';
import { scoreCredit } from './credit-scoring.js';
import { INITIAL_CREDIT_RECORD, evolveCreditRecord, type CreditRecordState, type SeriousListingState } from './credit-record.state.js';

const TEXT_MAX = 2000;

/** The step's date: `on` when given (a real date, never after today), else today (design choice). */
const stepDate = (on: unknown, today: string): string => {
  const errors: FieldError[] = [];
  const date = checkOptionalDate('on', on, errors) ?? today;
  throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
  if (isAfter(date, today)) throw new RuleViolation(CREDIT_ERROR_CODES.DATE_IN_FUTURE, `on (${date}) is after today (${today})`, { field: 'on', on: date, today });
  return date;
};

const todayOf = (now: string): string => {
  const errors: FieldError[] = [];
  const today = checkCommandDate(now, errors);
  throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
  return today;
};

/** Commands from people name a registered enterprise; the engine's reactions record facts about any USCC (design choice). */
const jurisdictionFor = (facts: CreditFacts, uscc: string, system: boolean): string | null => {
  if (facts.enterprise === null && !system) throw new NotFoundError(CREDIT_ERROR_CODES.ENTERPRISE_UNKNOWN, `no registered enterprise ${uscc}`, { uscc });
  return facts.enterprise?.jurisdiction ?? null;
};

/**
 * Appends `RiskClassChanged` when the events decided change the class as of today under the policy in force
 * (in the same decision as whatever changed the class, only when it differs).
 */
const withClassChange = (state: CreditRecordState, events: CreditEvent[], facts: CreditFacts, uscc: string, today: string, cause: { entryId: string | null; reason: ClassChangeReason }): CreditEvent[] => {
  const after = events.reduce(evolveCreditRecord, state);
  const policy = policyInForceOn(facts.policies, today);
  const scored = scoreCredit(after, policy, today);
  if (scored.riskClass === state.riskClass) return events;
  return [...events, { type: 'RiskClassChanged', data: { uscc, from: state.riskClass, to: scored.riskClass, score: scored.score, policyVersion: policy.version, on: today, cause } }];
};

const listingEntry = (uscc: string, kind: 'abnormal_listed' | 'abnormal_removed' | 'serious_violation_listed' | 'serious_violation_removed', listingId: string, on: string, summary: string, caseId: string | null, sources: EntrySource[]): CreditEvent => ({
  type: 'CreditEntryRecorded',
  data: { entryId: `${kind}:${listingId}`, uscc, kind, occurredOn: on, matterId: null, caseId, listingId, sources, summary },
});

const openSerious = (state: CreditRecordState, listingId: string): SeriousListingState => {
  const l = state.serious.find((x) => x.listingId === listingId);
  if (!l) throw new NotFoundError(CREDIT_ERROR_CODES.LISTING_NOT_FOUND, `no serious-violation listing ${listingId}`, { listingId });
  if (l.removedOn !== null) throw new ConflictError(CREDIT_ERROR_CODES.LISTING_ALREADY_REMOVED, `listing ${listingId} was removed on ${l.removedOn}`, { listingId });
  return l;
};

/** Early removal from the serious-violation list (SAMR Order 44): ≥ 1 year listed, obligations fulfilled, harm remedied, no heavy penalty since. */
export const assertEarlyRemovalAllowed = (state: CreditRecordState, listing: SeriousListingState, on: string, obligationsFulfilled: boolean, harmRemedied: boolean): void => {
  const earliest = earliestEarlyRemovalOn(listing.listedOn);
  if (on < earliest) {
    throw new RuleViolation(CREDIT_ERROR_CODES.EARLY_REMOVAL_TOO_SOON, `early removal only from ${earliest}, one year after listing on ${listing.listedOn} (SAMR Order 44)`, { listingId: listing.listingId, earliestOn: earliest });
  }
  if (!earlyRemovalConditionsMet(obligationsFulfilled, harmRemedied)) {
    throw new RuleViolation(CREDIT_ERROR_CODES.EARLY_REMOVAL_CONDITIONS_UNMET, 'early removal needs obligations fulfilled and harm remedied (SAMR Order 44)', { obligationsFulfilled, harmRemedied });
  }
  const heavy = state.entries.filter((e) => e.kind === 'penalty_heavy' && !(listing.grounds.kind === 'heavy_penalty' && e.caseId === listing.grounds.caseId)).map((e) => e.occurredOn);
  if (heavyPenaltySince(heavy, listing.listedOn)) {
    throw new RuleViolation(CREDIT_ERROR_CODES.HEAVY_PENALTY_SINCE_LISTING, `a heavy penalty was decided after listing on ${listing.listedOn} (SAMR Order 44)`, { listingId: listing.listingId });
  }
};

const checkTarget = (target: unknown, errors: FieldError[]): RepairTarget => {
  if (!isRecord(target)) {
    errors.push({ field: 'target', rule: 'required', message: 'must be { kind, caseId } or { kind, listingId }' });
    return { kind: 'penalty_publication', caseId: '' };
  }
  const kind = checkOneOf('target.kind', target.kind, ['penalty_publication', 'serious_violation_list'] as const, errors);
  if (kind === 'serious_violation_list') return { kind, listingId: checkText('target.listingId', target.listingId, 200, errors) };
  return { kind: 'penalty_publication', caseId: checkText('target.caseId', target.caseId, 200, errors) };
};

const sameTarget = (a: RepairTarget, b: RepairTarget): boolean =>
  a.kind === b.kind && (a.kind === 'penalty_publication' ? a.caseId === (b as typeof a).caseId : a.listingId === (b as Extract<RepairTarget, { kind: 'serious_violation_list' }>).listingId);

/** The credit record decider: the periods it applies are statutory (CREDIT_STATUTORY_PERIODS), none is configurable. */
export const creditRecordDecider: Decider<CreditCommand, CreditEvent, CreditRecordState> = {
  initialState: () => INITIAL_CREDIT_RECORD,
  evolve: evolveCreditRecord,
  decide(command, state) {
    const actor = command.metadata.actor;
    const today = todayOf(command.metadata.now);
    const { uscc, facts } = command.data;
    const system = isSystem(actor);
    switch (command.type) {
      case 'RecordCreditEntry': {
        assertSystemOrAdmin(actor, 'record a credit entry');
        const d = command.data;
        const errors: FieldError[] = [];
        checkText('entryId', d.entryId, 300, errors);
        checkOneOf('kind', d.kind, ENTRY_KINDS, errors);
        checkDate('occurredOn', d.occurredOn, errors);
        checkText('summary', d.summary, TEXT_MAX, errors);
        throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
        // An entry already recorded is ignored (entries are idempotent by entryId).
        if (state.entries.some((e) => e.entryId === d.entryId)) return [];
        const entry: CreditEvent = {
          type: 'CreditEntryRecorded',
          data: { entryId: d.entryId, uscc, kind: d.kind, occurredOn: d.occurredOn, matterId: d.matterId, caseId: d.caseId, sources: d.sources, summary: d.summary, ...(d.penalty ? { penalty: d.penalty } : {}) },
        };
        return withClassChange(state, [entry], facts, uscc, today, { entryId: d.entryId, reason: 'entry' });
      }
      case 'PlaceOnAbnormalList': {
        const d = command.data;
        assertMayActOrSystem(actor, 'place an enterprise on the abnormal-operations list', jurisdictionFor(facts, uscc, system));
        const errors: FieldError[] = [];
        checkOneOf('reason', d.reason, ABNORMAL_REASONS, errors);
        throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
        const on = stepDate(d.on, today);
        if (state.abnormal.some((l) => l.listingId === d.listingId)) return [];
        const open = state.abnormal.find((l) => l.removedOn === null && l.reason === d.reason);
        if (open) throw new ConflictError(CREDIT_ERROR_CODES.ALREADY_LISTED, `already on the abnormal-operations list for ${d.reason} since ${open.placedOn}`, { listingId: open.listingId });
        const events: CreditEvent[] = [
          { type: 'AbnormalListPlaced', data: { uscc, enterpriseName: facts.enterprise?.name ?? null, reason: d.reason, placedOn: on, listingId: d.listingId } },
          listingEntry(uscc, 'abnormal_listed', d.listingId, on, `abnormal-operations list: ${d.reason}`, null, []),
        ];
        return withClassChange(state, events, facts, uscc, today, { entryId: `abnormal_listed:${d.listingId}`, reason: 'list' });
      }
      case 'RemoveFromAbnormalList': {
        const d = command.data;
        assertMayActOrSystem(actor, 'remove an enterprise from the abnormal-operations list', jurisdictionFor(facts, uscc, system));
        const errors: FieldError[] = [];
        const cure = checkText('cure', d.cure, TEXT_MAX, errors);
        throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
        const on = stepDate(d.on, today);
        const l = state.abnormal.find((x) => x.listingId === d.listingId);
        if (!l) throw new NotFoundError(CREDIT_ERROR_CODES.LISTING_NOT_FOUND, `no abnormal-operations listing ${d.listingId}`, { listingId: d.listingId });
        if (l.removedOn !== null) throw new ConflictError(CREDIT_ERROR_CODES.LISTING_ALREADY_REMOVED, `listing ${d.listingId} was removed on ${l.removedOn}`, { listingId: d.listingId });
        if (on < l.placedOn) throw new RuleViolation(CREDIT_ERROR_CODES.REMOVAL_BEFORE_LISTING, `removal (${on}) before placement (${l.placedOn})`, { field: 'on' });
        const events: CreditEvent[] = [
          { type: 'AbnormalListRemoved', data: { uscc, listingId: d.listingId, cure, removedOn: on } },
          listingEntry(uscc, 'abnormal_removed', d.listingId, on, `removed from the abnormal-operations list: ${cure}`, null, []),
        ];
        return withClassChange(state, events, facts, uscc, today, { entryId: `abnormal_removed:${d.listingId}`, reason: 'list' });
      }
      case 'ListSeriousViolation': {
        const d = command.data;
        assertMayActOrSystem(actor, 'list an enterprise as a serious violator', jurisdictionFor(facts, uscc, system));
        const on = stepDate(d.on, today);
        if (state.serious.some((l) => l.listingId === d.listingId)) return [];
        const g = d.grounds;
        if (g.kind === 'heavy_penalty') {
          const errors: FieldError[] = [];
          checkText('grounds.caseId', g.caseId, 200, errors);
          throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
          // One listing per heavy penalty (idempotent reaction).
          if (state.serious.some((l) => l.grounds.kind === 'heavy_penalty' && l.grounds.caseId === g.caseId)) return [];
        } else {
          const a = state.abnormal.find((l) => l.listingId === g.listingId);
          if (!a) throw new NotFoundError(CREDIT_ERROR_CODES.LISTING_NOT_FOUND, `no abnormal-operations listing ${g.listingId}`, { listingId: g.listingId });
          if (a.escalatedTo !== null) return [];
          const due = abnormalEscalationOn(a.placedOn);
          if (a.removedOn !== null || on < due) {
            throw new RuleViolation(CREDIT_ERROR_CODES.ABNORMAL_NOT_THREE_YEARS, `an abnormal listing moves to the serious-violation list only when uncured on ${due} (3 years)`, { listingId: g.listingId, dueOn: due });
          }
        }
        const open = state.serious.find((l) => l.removedOn === null);
        if (open && !system) throw new ConflictError(CREDIT_ERROR_CODES.ALREADY_LISTED, `already on the serious-violation list since ${open.listedOn}`, { listingId: open.listingId });
        const events: CreditEvent[] = [
          { type: 'SeriousViolationListed', data: { uscc, enterpriseName: facts.enterprise?.name ?? null, listingId: d.listingId, grounds: g, listedOn: on, listedUntil: seriousListedUntil(on) } },
          listingEntry(uscc, 'serious_violation_listed', d.listingId, on, g.kind === 'heavy_penalty' ? `serious-violation list: heavy penalty in case ${g.caseId}` : 'serious-violation list: abnormal operations uncured for 3 years', g.kind === 'heavy_penalty' ? g.caseId : null, d.source ? [d.source] : []),
        ];
        return withClassChange(state, events, facts, uscc, today, { entryId: `serious_violation_listed:${d.listingId}`, reason: 'list' });
      }
      case 'RemoveFromSeriousViolationList': {
        const d = command.data;
        assertMayActOrSystem(actor, 'remove an enterprise from the serious-violation list', jurisdictionFor(facts, uscc, system));
        const errors: FieldError[] = [];
        checkOneOf('reason', d.reason, ['term_elapsed', 'early_removal'] as const, errors);
        throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
        const on = stepDate(d.on, today);
        const l = state.serious.find((x) => x.listingId === d.listingId);
        if (system && l && l.removedOn !== null) return [];
        const listing = openSerious(state, d.listingId);
        if (d.reason === 'term_elapsed') {
          if (!isSeriousTermElapsed(listing.listedUntil, on)) {
            throw new RuleViolation(CREDIT_ERROR_CODES.TERM_NOT_ELAPSED, `listed until ${listing.listedUntil} (3 years, SAMR Order 44)`, { listingId: d.listingId, listedUntil: listing.listedUntil });
          }
        } else {
          assertEarlyRemovalAllowed(state, listing, on, d.obligationsFulfilled === true, d.harmRemedied === true);
        }
        const events: CreditEvent[] = [
          { type: 'SeriousViolationRemoved', data: { uscc, listingId: d.listingId, reason: d.reason, removedOn: on } },
          listingEntry(uscc, 'serious_violation_removed', d.listingId, on, `removed from the serious-violation list: ${d.reason}`, null, []),
        ];
        return withClassChange(state, events, facts, uscc, today, { entryId: `serious_violation_removed:${d.listingId}`, reason: 'list' });
      }
      case 'ApplyForRepair': {
        const d = command.data;
        assertMayApplyForRepair(actor, uscc, jurisdictionFor(facts, uscc, system));
        const errors: FieldError[] = [];
        const target = checkTarget(d.target, errors);
        const obligationsFulfilled = checkBoolean('obligationsFulfilled', d.obligationsFulfilled, errors);
        const harmRemedied = checkBoolean('harmRemedied', d.harmRemedied, errors);
        throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
        const on = stepDate(d.on, today);
        if (state.repairs.some((r) => r.repairId === d.repairId)) throw new ConflictError(CREDIT_ERROR_CODES.REPAIR_EXISTS, `repair ${d.repairId} exists`, { repairId: d.repairId });
        if (target.kind === 'penalty_publication' ? !state.entries.some((e) => e.caseId === target.caseId && e.penalty) : !state.serious.some((l) => l.listingId === target.listingId && l.removedOn === null)) {
          throw new NotFoundError(CREDIT_ERROR_CODES.REPAIR_TARGET_NOT_FOUND, 'the record holds no such penalty or open listing to repair', { target });
        }
        const pending = state.repairs.find((r) => r.status === 'applied' && sameTarget(r.target, target));
        if (pending) throw new ConflictError(CREDIT_ERROR_CODES.REPAIR_PENDING, `repair ${pending.repairId} of the same target awaits a decision`, { repairId: pending.repairId });
        return [{ type: 'RepairApplied', data: { uscc, repairId: d.repairId, target, obligationsFulfilled, harmRemedied, appliedOn: on } }];
      }
      case 'DecideRepair': {
        const d = command.data;
        assertMayActOrSystem(actor, 'decide on credit repair', jurisdictionFor(facts, uscc, system));
        const errors: FieldError[] = [];
        const grant = checkBoolean('grant', d.grant, errors);
        const reason = checkText('reason', d.reason, TEXT_MAX, errors);
        throwIfFieldErrors(errors, CREDIT_ERROR_CODES.VALIDATION);
        const on = stepDate(d.on, today);
        const repair = state.repairs.find((r) => r.repairId === d.repairId);
        if (!repair) throw new NotFoundError(CREDIT_ERROR_CODES.REPAIR_NOT_FOUND, `no repair ${d.repairId} for ${uscc}`, { repairId: d.repairId });
        if (repair.status !== 'applied') throw new ConflictError(CREDIT_ERROR_CODES.REPAIR_ALREADY_DECIDED, `repair ${d.repairId} was ${repair.status} on ${repair.decidedOn}`, { repairId: d.repairId });
        if (on < repair.appliedOn) throw new RuleViolation(CREDIT_ERROR_CODES.DECISION_BEFORE_APPLICATION, `decision (${on}) before application (${repair.appliedOn})`, { field: 'on' });
        const base = { uscc, repairId: d.repairId, target: repair.target, decidedOn: on, reason };
        if (!grant) return [{ type: 'RepairRefused', data: base }];
        const target = repair.target;
        const events: CreditEvent[] = [{ type: 'RepairGranted', data: base }];
        if (target.kind === 'serious_violation_list') {
          assertEarlyRemovalAllowed(state, openSerious(state, target.listingId), on, repair.obligationsFulfilled, repair.harmRemedied);
          events.push(
            { type: 'SeriousViolationRemoved', data: { uscc, listingId: target.listingId, reason: 'early_removal', removedOn: on } },
            listingEntry(uscc, 'serious_violation_removed', target.listingId, on, `removed from the serious-violation list by credit repair ${d.repairId}`, null, []),
          );
        } else {
          assertPublicationRepairAllowed(state, target.caseId, d.penaltyPublishedOn ?? null, on, repair.obligationsFulfilled, repair.harmRemedied);
        }
        return withClassChange(state, events, facts, uscc, today, { entryId: null, reason: 'repair' });
      }
      case 'Reclassify': {
        assertSystemOrAdmin(actor, 'reclassify');
        const inForce = policyInForceOn(facts.policies, today);
        const reason: ClassChangeReason = state.policyVersion !== null && state.policyVersion !== inForce.version ? 'policy' : 'expiry';
        if (state.version === 0) return [];
        return withClassChange(state, [], facts, uscc, today, { entryId: null, reason });
      }
      default:
        throw new ValidationError([{ field: 'type', rule: 'one_of', message: 'unknown credit command' }], CREDIT_ERROR_CODES.VALIDATION);
    }
  },
};

/** A penalty publication can be repaired after 6 months shown, 12 for food, drugs and special equipment, with obligations fulfilled and harm remedied (SAMR 2021 No. 3). */
export const assertPublicationRepairAllowed = (state: CreditRecordState, caseId: string, publishedOn: string | null, on: string, obligationsFulfilled: boolean, harmRemedied: boolean): void => {
  if (publishedOn === null) throw new RuleViolation(CREDIT_ERROR_CODES.PENALTY_NOT_PUBLISHED, `the penalty of case ${caseId} has not been published`, { caseId });
  const sector = state.entries.find((e) => e.caseId === caseId && e.penalty)?.penalty?.sector ?? 'general';
  const earliest = earliestPublicationRepairOn(publishedOn, sector);
  if (on < earliest) {
    throw new RuleViolation(CREDIT_ERROR_CODES.REPAIR_TOO_EARLY, `a ${sector} penalty publication can be repaired from ${earliest}, ${CREDIT_STATUTORY_PERIODS.repairMinMonths[sector]} months after ${publishedOn} (SAMR 2021 No. 3)`, { caseId, earliestOn: earliest, sector });
  }
  if (!earlyRemovalConditionsMet(obligationsFulfilled, harmRemedied)) {
    throw new RuleViolation(CREDIT_ERROR_CODES.REPAIR_CONDITIONS_UNMET, 'repair needs obligations fulfilled and harm remedied (SAMR 2021 No. 3)', { obligationsFulfilled, harmRemedied });
  }
};

