import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCORING_POLICY } from '../scoring-policy/scoring-policy.rules.js';
import { explainCredit } from './credit-explanation.js';

const USCC = '914403001922038216';
const S = `credit-${USCC}`;
const { version: _v, effectiveFrom: _e, ...content } = DEFAULT_SCORING_POLICY;
const rec = (id: string, type: string, data: Record<string, unknown>) => ({ id, streamId: S, type, data: { uscc: USCC, ...data } });
const entry = (id: string, kind: string, occurredOn: string, over: Record<string, unknown> = {}) =>
  rec(id, 'CreditEntryRecorded', { entryId: `${kind}:${id}`, kind, occurredOn, matterId: null, caseId: null, sources: [{ eventId: `src-${id}`, streamId: 'inspection-task-1', type: 'InspectionCompleted' }], summary: kind, ...over });

describe('explainCredit', () => {
  const record = [
    entry('e1', 'inspection_passed', '2026-03-01'),
    rec('c1', 'RiskClassChanged', { from: null, to: 'B', score: 88, policyVersion: 0, on: '2026-03-01', cause: { entryId: 'inspection_passed:e1', reason: 'entry' } }),
    rec('a1', 'AbnormalListPlaced', { enterpriseName: 'n', reason: 'annual_report_not_filed', placedOn: '2026-10-01', listingId: 'L1' }),
    entry('a1e', 'abnormal_listed', '2026-10-01', { entryId: 'abnormal_listed:L1', listingId: 'L1', sources: [] }),
    rec('c2', 'RiskClassChanged', { from: 'B', to: 'C', score: 78, policyVersion: 0, on: '2026-10-01', cause: { entryId: 'abnormal_listed:L1', reason: 'list' } }),
  ];

  it('given a passed inspection and an abnormal listing, when explained today, then class C (floor) with every point and its sources', () => {
    const x = explainCredit(record, [], '2026-11-16');
    expect(x).toMatchObject({ uscc: USCC, class: 'C', score: 78, scoreClass: 'B', policyVersion: 0, listed: { abnormal: true, seriousViolation: false } });
    expect(x.entries.map((e) => [e.kind, e.points, e.counted, e.expiresOn])).toEqual([
      ['inspection_passed', 3, true, '2028-03-01'],
      ['abnormal_listed', -10, true, '2029-10-01'],
    ]);
    expect(x.entries[0]).toMatchObject({ sources: [{ eventId: 'src-e1', streamId: 'inspection-task-1' }], recordedAs: { eventId: 'e1', streamId: S } });
    expect(x.classHistory.map((c) => c.to)).toEqual(['B', 'C']);
  });

  it('given the same record, when explained as of 2026-09-30, then the listing is not there yet: class B, 88', () => {
    const x = explainCredit(record, [], '2026-09-30');
    expect(x).toMatchObject({ class: 'B', score: 88, listed: { abnormal: false } });
    expect(x.entries).toHaveLength(1);
    expect(x.classHistory.map((c) => c.to)).toEqual(['B']);
  });

  it('given a version 1 effective 2026-11-01 with inspection_passed +10, when explained before and after, then each date uses the version in force', () => {
    const policies = [{ type: 'ScoringPolicyPublished', data: { ...content, points: { ...content.points, inspection_passed: 10 }, version: 1, effectiveFrom: '2026-11-01', note: 'v1', publishedOn: '2026-10-20' } }];
    expect(explainCredit(record, policies, '2026-10-31')).toMatchObject({ policyVersion: 0, score: 78 });
    expect(explainCredit(record, policies, '2026-11-16')).toMatchObject({ policyVersion: 1, score: 85 });
  });

  it('given no record, when explained, then the base score under the default policy (85 → B)', () => {
    expect(explainCredit([], [], '2026-11-16')).toMatchObject({ class: 'B', score: 85, entries: [], classHistory: [] });
  });
});
