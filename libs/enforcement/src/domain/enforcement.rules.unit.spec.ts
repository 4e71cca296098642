import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ENFORCEMENT_POLICY } from './enforcement.types.js';
import { addMonths } from '@regledger/shared';
import {
  decisionDueAfterPause,
  decisionDueOn,
  enterpriseCorrectionDueOn,
  extendedDecisionDueOn,
  extendedLeadVerificationDueOn,
  firstFollowUpDueOn,
  isBareWarning,
  isHeavyPenalty,
  isPastDue,
  leadVerificationDueOn,
  pausedCalendarDays,
  penaltyPublicationDueOn,
  penaltyPublicationFor,
  productCorrectionDueOn,
  publicationShownUntil,
  publicationWindowFor,
  rectificationDueOn,
  secondFollowUpWindow,
} from './enforcement.rules.js';

const P = DEFAULT_ENFORCEMENT_POLICY;

describe('enforcement deadlines', () => {
  it('a failed product: correct within 60 days, follow-up within 75, the second 60–90 days after the notice (SAMR Order 18 arts. 44–50)', () => {
    expect(productCorrectionDueOn('2026-03-02')).toBe('2026-05-01');
    expect(firstFollowUpDueOn('2026-03-02')).toBe('2026-05-16');
    expect(secondFollowUpWindow('2026-05-20')).toEqual({ earliestOn: '2026-07-19', dueOn: '2026-08-18' });
    expect(rectificationDueOn('2026-08-20', P)).toBe('2026-11-18');
    expect(rectificationDueOn('2026-08-20', { ...P, rectificationDays: 30 })).toBe('2026-09-19');
  });

  it('a failure to disclose: corrected within the policy days (Standardization Law art. 38; design choice 30)', () => {
    expect(enterpriseCorrectionDueOn('2026-03-02', P)).toBe('2026-04-01');
  });

  it('a lead: 15 working days, extended once by 15 (art. 18), across the Qingming holiday', () => {
    expect(leadVerificationDueOn('2026-03-02')).toBe('2026-03-23');
    expect(extendedLeadVerificationDueOn('2026-03-23')).toBe('2026-04-14');
  });

  it('a case: 90 calendar days, paused days added, one 30-day extension (Administrative Penalty Law art. 60)', () => {
    expect(decisionDueOn('2026-03-10')).toBe('2026-06-08');
    expect(pausedCalendarDays('2026-03-20', '2026-03-30')).toBe(10);
    expect(decisionDueAfterPause('2026-06-08', 10)).toBe('2026-06-18');
    expect(extendedDecisionDueOn('2026-06-18')).toBe('2026-07-18');
  });

  it('a penalty is published within 20 working days (SAMR Order 45), across the Dragon Boat holiday', () => {
    expect(penaltyPublicationDueOn('2026-06-01')).toBe('2026-06-30');
  });

  it('a deadline is missed the day after it', () => {
    expect(isPastDue('2026-06-30', '2026-06-30')).toBe(false);
    expect(isPastDue('2026-06-30', '2026-07-01')).toBe(true);
  });
});

describe('penalties (SAMR Orders 44, 45)', () => {
  it('a bare warning is not published', () => {
    expect(isBareWarning([{ kind: 'warning', amountYuan: null }])).toBe(true);
    expect(isBareWarning([{ kind: 'warning', amountYuan: null }, { kind: 'fine', amountYuan: 10 }])).toBe(false);
    expect(isBareWarning([])).toBe(false);
    expect(penaltyPublicationFor([{ kind: 'warning', amountYuan: null }], '2026-06-01', P)).toEqual({ required: false, dueOn: null, window: null });
    expect(penaltyPublicationFor([], '2026-06-01', P)).toEqual({ required: false, dueOn: null, window: null });
  });

  it('warnings and fines up to 100,000 yuan are shown 3 months, anything else 3 years (design-choice figure)', () => {
    expect(publicationWindowFor([{ kind: 'warning', amountYuan: null }, { kind: 'fine', amountYuan: 100_000 }], P)).toBe('3_months');
    expect(publicationWindowFor([{ kind: 'fine', amountYuan: 100_001 }], P)).toBe('3_years');
    expect(publicationWindowFor([{ kind: 'confiscation', amountYuan: 10 }], P)).toBe('3_years');
  });

  it('heavy: licence revocation, suspension, or a fine of at least 1,000,000 yuan (design choice)', () => {
    expect(isHeavyPenalty([{ kind: 'licence_revocation', amountYuan: null }], P)).toBe(true);
    expect(isHeavyPenalty([{ kind: 'suspension', amountYuan: null }], P)).toBe(true);
    expect(isHeavyPenalty([{ kind: 'fine', amountYuan: 1_000_000 }], P)).toBe(true);
    expect(isHeavyPenalty([{ kind: 'fine', amountYuan: 999_999 }], P)).toBe(false);
    expect(isHeavyPenalty([{ kind: 'fine', amountYuan: 500_000 }], { ...P, heavyFineYuan: 500_000 })).toBe(true);
  });

  it('shown until the day before the same date 3 months or 3 years on, month ends clamped', () => {
    expect(publicationShownUntil('2026-06-10', '3_months')).toBe('2026-09-09');
    expect(publicationShownUntil('2026-06-10', '3_years')).toBe('2029-06-09');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(publicationShownUntil('2026-11-30', '3_months')).toBe('2027-02-27');
  });
});
