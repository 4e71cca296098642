import { describe, expect, it } from '@jest/globals';
import { CREDIT_ENV_VARIABLES, loadCreditConfig } from './credit.config.js';
import { DEFAULT_CREDIT_POLICY } from './domain/index.js';

describe('loadCreditConfig', () => {
  it('given no variables, when loaded, then the defaults: look back 30 days, points within ±1000, validity up to 240 months', () => {
    expect(loadCreditConfig({})).toEqual({ reclassifyLookbackDays: 30, scoringPointsLimit: 1000, scoringMaxValidityMonths: 240 });
    expect(loadCreditConfig({})).toEqual(DEFAULT_CREDIT_POLICY);
  });

  it('given empty or blank variables, when loaded, then the defaults', () => {
    expect(loadCreditConfig({ CREDIT_RECLASSIFY_LOOKBACK_DAYS: '', CREDIT_SCORING_POINTS_LIMIT: '  ', CREDIT_SCORING_MAX_VALIDITY_MONTHS: '' })).toEqual(DEFAULT_CREDIT_POLICY);
  });

  it('given every variable, when loaded, then each value is read', () => {
    expect(loadCreditConfig({ CREDIT_RECLASSIFY_LOOKBACK_DAYS: '7', CREDIT_SCORING_POINTS_LIMIT: '500', CREDIT_SCORING_MAX_VALIDITY_MONTHS: ' 120 ' })).toEqual({
      reclassifyLookbackDays: 7,
      scoringPointsLimit: 500,
      scoringMaxValidityMonths: 120,
    });
  });

  it('given the bounds themselves, when loaded, then they are accepted', () => {
    expect(loadCreditConfig({ CREDIT_RECLASSIFY_LOOKBACK_DAYS: '1', CREDIT_SCORING_POINTS_LIMIT: '100', CREDIT_SCORING_MAX_VALIDITY_MONTHS: '36' })).toEqual({
      reclassifyLookbackDays: 1,
      scoringPointsLimit: 100,
      scoringMaxValidityMonths: 36,
    });
    expect(loadCreditConfig({ CREDIT_RECLASSIFY_LOOKBACK_DAYS: '366', CREDIT_SCORING_POINTS_LIMIT: '1000000', CREDIT_SCORING_MAX_VALIDITY_MONTHS: '1200' })).toEqual({
      reclassifyLookbackDays: 366,
      scoringPointsLimit: 1_000_000,
      scoringMaxValidityMonths: 1200,
    });
  });

  it.each([
    ['CREDIT_RECLASSIFY_LOOKBACK_DAYS', '0', 'CREDIT_RECLASSIFY_LOOKBACK_DAYS must be a whole number of days from 1 to 366, got "0"'],
    ['CREDIT_RECLASSIFY_LOOKBACK_DAYS', '367', 'CREDIT_RECLASSIFY_LOOKBACK_DAYS must be a whole number of days from 1 to 366, got "367"'],
    ['CREDIT_RECLASSIFY_LOOKBACK_DAYS', '30.5', 'CREDIT_RECLASSIFY_LOOKBACK_DAYS must be a whole number of days from 1 to 366, got "30.5"'],
    ['CREDIT_RECLASSIFY_LOOKBACK_DAYS', 'thirty', 'CREDIT_RECLASSIFY_LOOKBACK_DAYS must be a whole number of days from 1 to 366, got "thirty"'],
    ['CREDIT_RECLASSIFY_LOOKBACK_DAYS', '-5', 'CREDIT_RECLASSIFY_LOOKBACK_DAYS must be a whole number of days from 1 to 366, got "-5"'],
    ['CREDIT_RECLASSIFY_LOOKBACK_DAYS', '1e1', 'CREDIT_RECLASSIFY_LOOKBACK_DAYS must be a whole number of days from 1 to 366, got "1e1"'],
    ['CREDIT_SCORING_POINTS_LIMIT', '99', 'CREDIT_SCORING_POINTS_LIMIT must be a whole number of points from 100 to 1000000, got "99"'],
    ['CREDIT_SCORING_POINTS_LIMIT', '1000001', 'CREDIT_SCORING_POINTS_LIMIT must be a whole number of points from 100 to 1000000, got "1000001"'],
    ['CREDIT_SCORING_MAX_VALIDITY_MONTHS', '35', 'CREDIT_SCORING_MAX_VALIDITY_MONTHS must be a whole number of months from 36 to 1200, got "35"'],
    ['CREDIT_SCORING_MAX_VALIDITY_MONTHS', '1201', 'CREDIT_SCORING_MAX_VALIDITY_MONTHS must be a whole number of months from 36 to 1200, got "1201"'],
  ])('given %s=%s, when loaded, then the start stops with an error naming the variable and its bounds', (name, value, message) => {
    expect(() => loadCreditConfig({ [name]: value })).toThrow(message);
  });

  it('names one variable per design choice of the policy object, and nothing else', () => {
    expect(Object.keys(CREDIT_ENV_VARIABLES).sort()).toEqual(Object.keys(DEFAULT_CREDIT_POLICY).sort());
    expect(Object.values(CREDIT_ENV_VARIABLES).every((v) => v.name.startsWith('CREDIT_'))).toBe(true);
    for (const [key, v] of Object.entries(CREDIT_ENV_VARIABLES)) {
      const value = DEFAULT_CREDIT_POLICY[key as keyof typeof DEFAULT_CREDIT_POLICY];
      expect(value >= v.min && value <= v.max).toBe(true);
    }
  });
});
