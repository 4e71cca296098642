import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ENFORCEMENT_POLICY, isHeavyPenalty, publicationWindowFor } from './domain/index.js';
import { loadEnforcementConfig } from './enforcement.config.js';

describe('loadEnforcementConfig', () => {
  it('given no variable (or empty ones), when loaded, then it is the default policy', () => {
    expect(loadEnforcementConfig({})).toEqual(DEFAULT_ENFORCEMENT_POLICY);
    expect(
      loadEnforcementConfig({
        ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS: '',
        ENFORCEMENT_RECTIFICATION_DAYS: ' ',
        ENFORCEMENT_HEAVY_FINE_YUAN: '',
        ENFORCEMENT_SMALL_FINE_YUAN: '',
        ENFORCEMENT_HEAVY_PENALTY_KINDS: '',
        ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION: '',
      }),
    ).toEqual(DEFAULT_ENFORCEMENT_POLICY);
    expect(DEFAULT_ENFORCEMENT_POLICY).toEqual({
      enterpriseCorrectionDays: 30,
      rectificationDays: 90,
      heavyFineYuan: 1_000_000,
      smallFineYuan: 100_000,
      heavyPenaltyKinds: ['licence_revocation', 'suspension'],
      stopSaleBeforeCorrection: true,
    });
  });

  it('given every variable set, when loaded, then each value overrides its default', () => {
    const policy = loadEnforcementConfig({
      ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS: '15',
      ENFORCEMENT_RECTIFICATION_DAYS: '180',
      ENFORCEMENT_HEAVY_FINE_YUAN: '500000',
      ENFORCEMENT_SMALL_FINE_YUAN: '0',
      ENFORCEMENT_HEAVY_PENALTY_KINDS: ' Licence_Revocation , confiscation,licence_revocation',
      ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION: 'off',
    });
    expect(policy).toEqual({
      enterpriseCorrectionDays: 15,
      rectificationDays: 180,
      heavyFineYuan: 500_000,
      smallFineYuan: 0,
      heavyPenaltyKinds: ['licence_revocation', 'confiscation'],
      stopSaleBeforeCorrection: false,
    });
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('given the boolean spellings and "none", when loaded, then they are read', () => {
    for (const v of ['1', 'true', 'YES', 'on']) expect(loadEnforcementConfig({ ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION: v }).stopSaleBeforeCorrection).toBe(true);
    for (const v of ['0', 'false', 'No', 'off']) expect(loadEnforcementConfig({ ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION: v }).stopSaleBeforeCorrection).toBe(false);
    expect(loadEnforcementConfig({ ENFORCEMENT_HEAVY_PENALTY_KINDS: 'none' }).heavyPenaltyKinds).toEqual([]);
    expect(loadEnforcementConfig({ ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS: '1', ENFORCEMENT_RECTIFICATION_DAYS: '365' })).toMatchObject({ enterpriseCorrectionDays: 1, rectificationDays: 365 });
  });

  it('given the loaded policy, when the rules use it, then the overridden values decide', () => {
    const policy = loadEnforcementConfig({ ENFORCEMENT_HEAVY_FINE_YUAN: '300000', ENFORCEMENT_SMALL_FINE_YUAN: '200000', ENFORCEMENT_HEAVY_PENALTY_KINDS: 'none' });
    expect(isHeavyPenalty([{ kind: 'fine', amountYuan: 300_000 }], policy)).toBe(true);
    expect(isHeavyPenalty([{ kind: 'licence_revocation', amountYuan: null }], policy)).toBe(false);
    expect(publicationWindowFor([{ kind: 'fine', amountYuan: 150_000 }], policy)).toBe('3_months');
    expect(publicationWindowFor([{ kind: 'fine', amountYuan: 150_000 }], DEFAULT_ENFORCEMENT_POLICY)).toBe('3_years');
  });

  it.each([
    ['ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS', '0', 'ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS must be a whole number of days from 1 to 365, got "0"'],
    ['ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS', '366', 'ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS must be a whole number of days from 1 to 365, got "366"'],
    ['ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS', '30.5', 'ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS must be a whole number of days from 1 to 365, got "30.5"'],
    ['ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS', 'thirty', 'ENFORCEMENT_ENTERPRISE_CORRECTION_DAYS must be a whole number of days from 1 to 365, got "thirty"'],
    ['ENFORCEMENT_RECTIFICATION_DAYS', '-90', 'ENFORCEMENT_RECTIFICATION_DAYS must be a whole number of days from 1 to 365, got "-90"'],
    ['ENFORCEMENT_RECTIFICATION_DAYS', '1e2', 'ENFORCEMENT_RECTIFICATION_DAYS must be a whole number of days from 1 to 365, got "1e2"'],
    ['ENFORCEMENT_HEAVY_FINE_YUAN', '0', 'ENFORCEMENT_HEAVY_FINE_YUAN must be a whole number of yuan from 1 to 1000000000000, got "0"'],
    ['ENFORCEMENT_HEAVY_FINE_YUAN', '1,000,000', 'ENFORCEMENT_HEAVY_FINE_YUAN must be a whole number of yuan from 1 to 1000000000000, got "1,000,000"'],
    ['ENFORCEMENT_SMALL_FINE_YUAN', '1000000000001', 'ENFORCEMENT_SMALL_FINE_YUAN must be a whole number of yuan from 0 to 1000000000000, got "1000000000001"'],
    [
      'ENFORCEMENT_HEAVY_PENALTY_KINDS',
      'suspension,fine',
      'ENFORCEMENT_HEAVY_PENALTY_KINDS must be "none" or a comma-separated list of confiscation, suspension, licence_revocation, got "suspension,fine"',
    ],
    ['ENFORCEMENT_HEAVY_PENALTY_KINDS', 'warning', 'ENFORCEMENT_HEAVY_PENALTY_KINDS must be "none" or a comma-separated list of confiscation, suspension, licence_revocation, got "warning"'],
    ['ENFORCEMENT_HEAVY_PENALTY_KINDS', 'suspension,', 'ENFORCEMENT_HEAVY_PENALTY_KINDS must be "none" or a comma-separated list of confiscation, suspension, licence_revocation, got "suspension,"'],
    ['ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION', 'maybe', 'ENFORCEMENT_STOP_SALE_BEFORE_CORRECTION must be true or false, got "maybe"'],
  ])('given %s=%s, when loaded, then it refuses to start naming the variable and its bounds', (name, value, message) => {
    expect(() => loadEnforcementConfig({ [name]: value })).toThrow(message);
  });

  it('given a small-fine bound not below the heavy-fine bound, when loaded, then it refuses to start naming both', () => {
    expect(() => loadEnforcementConfig({ ENFORCEMENT_SMALL_FINE_YUAN: '1000000' })).toThrow(
      'ENFORCEMENT_SMALL_FINE_YUAN (1000000) must be below ENFORCEMENT_HEAVY_FINE_YUAN (1000000): a small fine cannot be heavy',
    );
    expect(() => loadEnforcementConfig({ ENFORCEMENT_HEAVY_FINE_YUAN: '50000' })).toThrow(
      'ENFORCEMENT_SMALL_FINE_YUAN (100000) must be below ENFORCEMENT_HEAVY_FINE_YUAN (50000): a small fine cannot be heavy',
    );
  });
});
