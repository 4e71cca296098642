import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import { scoringPolicyDecider, scoringPolicyDeciderWith, type PublishScoringPolicyData } from './scoring-policy.decider.js';
import { DEFAULT_CREDIT_POLICY } from '../credit.rules.js';
import { DEFAULT_SCORING_POLICY, policyInForceOn, type ScoringPolicy } from './scoring-policy.rules.js';
import type { ScoringPolicyEvent } from './scoring-policy.events.js';

const admin: Actor = { id: 'a', role: 'admin', jurisdiction: '000000' };
const provinceSupervisor: Actor = { id: 'p', role: 'supervisor', jurisdiction: '440000' };
const citySupervisor: Actor = { id: 'c', role: 'supervisor', jurisdiction: '440300' };
const meta = (who: Actor, date = '2026-11-16'): CommandMetadata => ({ now: `${date}T02:00:00Z`, actor: who, correlationId: 'x' });
const { version: _v, effectiveFrom: _e, ...content } = DEFAULT_SCORING_POLICY;
const data = (over: Partial<PublishScoringPolicyData> = {}): PublishScoringPolicyData => ({ ...content, effectiveFrom: '2026-12-01', note: 'v1', ...over }) as PublishScoringPolicyData;
const publish = (who: Actor, over: Partial<PublishScoringPolicyData> = {}) => ({ type: 'PublishScoringPolicy' as const, data: data(over), metadata: meta(who) });
const published = (version: number, effectiveFrom: string): ScoringPolicyEvent => ({ type: 'ScoringPolicyPublished', data: { ...content, version, effectiveFrom, note: `v${version}`, publishedOn: '2026-11-01' } });
const spec = DeciderSpec.for(scoringPolicyDecider);

describe('scoring policy', () => {
  it('given no version, when an admin publishes, then version 1', () => {
    spec.given([]).when(publish(admin)).then((events) => expect(events[0].data).toMatchObject({ version: 1, effectiveFrom: '2026-12-01', publishedOn: '2026-11-16', basePoints: 85 }));
  });

  it('given version 1, when a province supervisor publishes, then version 2', () => {
    spec.given([published(1, '2026-11-20')]).when(publish(provinceSupervisor)).then((events) => expect(events[0].data.version).toBe(2));
  });

  it('when a city supervisor publishes, then SCORING_POLICY.FORBIDDEN', () => {
    spec.given([]).when(publish(citySupervisor)).thenThrows('SCORING_POLICY.FORBIDDEN');
  });

  it('given version 1 effective 2026-12-10, when version 2 takes effect 2026-12-01, then SCORING_POLICY.EFFECTIVE_BEFORE_PREVIOUS', () => {
    spec.given([published(1, '2026-12-10')]).when(publish(admin)).thenThrows('SCORING_POLICY.EFFECTIVE_BEFORE_PREVIOUS');
  });

  it('when a version would take effect before today, then SCORING_POLICY.EFFECTIVE_IN_PAST', () => {
    spec.given([]).when(publish(admin, { effectiveFrom: '2026-11-15' })).thenThrows('SCORING_POLICY.EFFECTIVE_IN_PAST');
  });

  it('given version 1, when the publisher expects to create version 1 again, then SCORING_POLICY.VERSION_CONFLICT', () => {
    spec.given([published(1, '2026-11-20')]).when(publish(admin, { version: 1 })).thenThrows('SCORING_POLICY.VERSION_CONFLICT');
  });

  it('when a point is missing, thresholds are out of order and the note blank, then SCORING_POLICY.VALIDATION naming every field', () => {
    const points = { ...content.points } as Record<string, number>;
    delete points.inspection_passed;
    const err = spec.given([]).when(publish(admin, { points, thresholds: { A: 60, B: 75, C: 90 }, note: ' ' })).thenThrows('SCORING_POLICY.VALIDATION');
    expect((err.details.errors as { field: string }[]).map((e) => e.field)).toEqual(['points.inspection_passed', 'thresholds', 'note']);
  });

  it('given the default limits, when points reach ±1000 and a validity 240 months, then version 1; one past them, then SCORING_POLICY.VALIDATION naming the fields', () => {
    const edge = { points: { ...content.points, licence_revocation: -1000 }, validityMonths: { ...content.validityMonths, penalty_heavy: 240 } };
    spec.given([]).when(publish(admin, edge)).then((events) => expect(events[0].data.version).toBe(1));
    const past = { points: { ...content.points, licence_revocation: -1001 }, validityMonths: { ...content.validityMonths, penalty_heavy: 241 } };
    const err = spec.given([]).when(publish(admin, past)).thenThrows('SCORING_POLICY.VALIDATION');
    expect((err.details.errors as { field: string }[]).map((e) => e.field)).toEqual(['points.licence_revocation', 'validityMonths.penalty_heavy']);
  });

  it('given configured limits of 200 points and 60 months, when a version stays within them, then version 1; beyond them, then the message states the configured bounds', () => {
    const limited = DeciderSpec.for(scoringPolicyDeciderWith({ ...DEFAULT_CREDIT_POLICY, scoringPointsLimit: 200, scoringMaxValidityMonths: 60 }));
    limited.given([]).when(publish(admin, { points: { ...content.points, licence_revocation: -200 }, validityMonths: { ...content.validityMonths, penalty_heavy: 60 } })).then((events) => expect(events[0].data.version).toBe(1));
    const err = limited
      .given([])
      .when(publish(admin, { basePoints: 201, validityMonths: { ...content.validityMonths, penalty_heavy: 61 } }))
      .thenThrows('SCORING_POLICY.VALIDATION');
    expect(err.details.errors).toEqual([
      expect.objectContaining({ field: 'basePoints', message: 'must be a whole number from -200 to 200' }),
      expect.objectContaining({ field: 'validityMonths.penalty_heavy', message: 'must be null or a whole number of months from 1 to 60' }),
    ]);
  });

  it('given versions 1 (2026-12-01) and 2 (2027-01-01), when asked for the policy in force, then version 0 before, 1, then 2', () => {
    const v = (version: number, effectiveFrom: string): ScoringPolicy => ({ ...DEFAULT_SCORING_POLICY, version, effectiveFrom });
    const versions = [v(1, '2026-12-01'), v(2, '2027-01-01')];
    expect([policyInForceOn(versions, '2026-11-30').version, policyInForceOn(versions, '2026-12-01').version, policyInForceOn(versions, '2027-06-01').version]).toEqual([0, 1, 2]);
  });
});
