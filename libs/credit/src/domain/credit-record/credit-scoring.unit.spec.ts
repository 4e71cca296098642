import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCORING_POLICY } from '../scoring-policy/scoring-policy.rules.js';
import { applyListFloors, entryCountsOn, entryExpiresOn, listedOn, scoreCredit, worseClass } from './credit-scoring.js';
import type { EntryState } from './credit-record.state.js';

const entry = (kind: EntryState['kind'], occurredOn: string, over: Partial<EntryState> = {}): EntryState => ({
  entryId: `${kind}:${occurredOn}`,
  kind,
  occurredOn,
  matterId: null,
  caseId: null,
  listingId: null,
  sources: [],
  summary: '',
  penalty: null,
  repairedOn: null,
  repairId: null,
  ...over,
});

describe('scoring', () => {
  it('given the default policy, when a failed inspection occurred on 2025-03-10, then it counts until 2027-03-10 (24 months)', () => {
    expect(entryExpiresOn('inspection_failed', '2025-03-10', DEFAULT_SCORING_POLICY)).toBe('2027-03-10');
    expect(entryExpiresOn('penalty_fine', '2024-02-29', DEFAULT_SCORING_POLICY)).toBe('2027-02-28');
  });

  it('given an entry, when asked on dates around it, then it counts from occurredOn until the day before expiry, and not once repaired', () => {
    const e = entry('inspection_failed', '2025-03-10');
    expect(entryCountsOn(e, '2027-03-10', '2025-03-09')).toBe(false);
    expect(entryCountsOn(e, '2027-03-10', '2025-03-10')).toBe(true);
    expect(entryCountsOn(e, '2027-03-10', '2027-03-09')).toBe(true);
    expect(entryCountsOn(e, '2027-03-10', '2027-03-10')).toBe(false);
    expect(entryCountsOn({ ...e, repairedOn: '2026-01-01' }, '2027-03-10', '2026-01-01')).toBe(false);
    expect(entryCountsOn({ ...e, repairedOn: '2026-01-01' }, '2027-03-10', '2025-12-31')).toBe(true);
  });

  it('given a listing, when asked, then listed from placement until the day before removal', () => {
    expect(listedOn({ placedOn: '2026-01-01', removedOn: '2026-02-01' }, '2026-01-31')).toBe(true);
    expect(listedOn({ placedOn: '2026-01-01', removedOn: '2026-02-01' }, '2026-02-01')).toBe(false);
  });

  it('given list floors, when the score class is better, then the floor wins: abnormal → C, serious → D', () => {
    expect(worseClass('A', 'C')).toBe('C');
    expect(applyListFloors('A', { abnormal: true, seriousViolation: false }, DEFAULT_SCORING_POLICY)).toBe('C');
    expect(applyListFloors('B', { abnormal: true, seriousViolation: true }, DEFAULT_SCORING_POLICY)).toBe('D');
    expect(applyListFloors('D', { abnormal: true, seriousViolation: false }, DEFAULT_SCORING_POLICY)).toBe('D');
  });

  it('given two passed inspections and a late declaration, when scored, then 85 + 3 + 3 − 3 = 88 → B with each contribution', () => {
    const s = scoreCredit({ entries: [entry('inspection_passed', '2026-01-01'), entry('inspection_passed', '2026-06-01'), entry('declaration_late', '2026-07-01'), entry('inspection_failed', '2020-01-01')], abnormal: [], serious: [] }, DEFAULT_SCORING_POLICY, '2026-11-16');
    expect(s).toMatchObject({ score: 88, scoreClass: 'B', riskClass: 'B', policyVersion: 0 });
    expect(s.contributions.map((c) => [c.kind, c.points, c.counted])).toEqual([
      ['inspection_passed', 3, true],
      ['inspection_passed', 3, true],
      ['declaration_late', -3, true],
      ['inspection_failed', 0, false],
    ]);
  });

  it('given thresholds, when scores fall on them, then ≥ A → A, ≥ B → B, ≥ C → C, else D', () => {
    const at = (n: number) => scoreCredit({ entries: [], abnormal: [], serious: [] }, { ...DEFAULT_SCORING_POLICY, basePoints: n }, '2026-01-01').riskClass;
    expect([at(90), at(89), at(75), at(74), at(60), at(59)]).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });
});
