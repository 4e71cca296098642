import { describe, expect, it } from '@jest/globals';
import type { Actor, CommandMetadata, Role } from '@regledger/shared';
import { DeciderSpec } from '@regledger/shared/testing';
import type { CreditCommand, CreditFacts } from './credit-record.commands.js';
import { creditRecordDecider } from './credit-record.decider.js';
import type { CreditEvent } from './credit-record.events.js';
import { DEFAULT_SCORING_POLICY, type ScoringPolicy } from '../scoring-policy/scoring-policy.rules.js';

const USCC = '914403001922038216';
const actor = (role: Role, jurisdiction: string, uscc?: string): Actor => ({ id: `u-${role}-${jurisdiction}`, role, jurisdiction, ...(uscc ? { uscc } : {}) });
const system = actor('system', '000000');
const supervisor = actor('supervisor', '440300');
const otherSupervisor = actor('supervisor', '440100');
const enterprise = actor('enterprise', '440305', USCC);
const otherEnterprise = actor('enterprise', '440305', '91440300MA5FXXXX1X');
const inspector = actor('inspector', '440300');
const at = (date: string): string => `${date}T02:00:00Z`;
const meta = (date: string, who: Actor): CommandMetadata => ({ now: at(date), actor: who, correlationId: 'corr' });
const facts = (policies: ScoringPolicy[] = []): CreditFacts => ({ policies, enterprise: { jurisdiction: '440305', name: '深圳市某电器有限公司' } });
const spec = DeciderSpec.for(creditRecordDecider);

const entryCmd = (kind: 'inspection_passed' | 'inspection_failed' | 'penalty_heavy' | 'penalty_fine', id: string, occurredOn: string, today = '2026-11-16', over: Record<string, unknown> = {}): CreditCommand => ({
  type: 'RecordCreditEntry',
  data: { uscc: USCC, entryId: `${kind}:${id}`, kind, occurredOn, matterId: null, caseId: null, sources: [{ eventId: id, streamId: 's', type: 'T' }], summary: kind, facts: facts(), ...over },
  metadata: meta(today, system),
});
const entry = (kind: string, id: string, occurredOn: string, over: Record<string, unknown> = {}): CreditEvent =>
  ({ type: 'CreditEntryRecorded', data: { uscc: USCC, entryId: `${kind}:${id}`, kind, occurredOn, matterId: null, caseId: null, sources: [{ eventId: id, streamId: 's', type: 'T' }], summary: kind, ...over } }) as CreditEvent;
const classChanged = (from: string | null, to: string, score: number, on: string, reason: string, entryId: string | null = null): CreditEvent =>
  ({ type: 'RiskClassChanged', data: { uscc: USCC, from, to, score, policyVersion: 0, on, cause: { entryId, reason } } }) as CreditEvent;
const seriousListed = (listingId: string, listedOn: string, caseId = 'case-1'): CreditEvent[] => [
  { type: 'SeriousViolationListed', data: { uscc: USCC, enterpriseName: 'n', listingId, grounds: { kind: 'heavy_penalty', caseId }, listedOn, listedUntil: '2099-01-01' } },
  entry('serious_violation_listed', listingId, listedOn, { entryId: `serious_violation_listed:${listingId}`, listingId, caseId }),
];

describe('credit record: entries', () => {
  it('given no record, when a passed inspection is recorded, then the entry and RiskClassChanged null → B (85 + 3 = 88) in the same decision', () => {
    spec.given([]).when(entryCmd('inspection_passed', 'e1', '2026-11-10')).then([entry('inspection_passed', 'e1', '2026-11-10'), classChanged(null, 'B', 88, '2026-11-16', 'entry', 'inspection_passed:e1')]);
  });

  it('given an entry already recorded, when it is recorded again, then nothing (idempotent by entryId)', () => {
    spec.given([entry('inspection_passed', 'e1', '2026-11-10'), classChanged(null, 'B', 88, '2026-11-16', 'entry')]).when(entryCmd('inspection_passed', 'e1', '2026-11-10')).then([]);
  });

  it('given class B, when an entry keeps the class, then no RiskClassChanged', () => {
    spec.given([entry('inspection_passed', 'e1', '2026-11-10'), classChanged(null, 'B', 88, '2026-11-16', 'entry')]).when(entryCmd('inspection_failed', 'e2', '2026-11-11', '2026-11-16', { kind: 'declaration_late', entryId: 'declaration_late:e2' })).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['CreditEntryRecorded']);
    });
  });

  it('given class B, when a failed inspection drops the score to 73, then RiskClassChanged B → C', () => {
    spec.given([entry('inspection_passed', 'e1', '2026-11-10'), classChanged(null, 'B', 88, '2026-11-16', 'entry')]).when(entryCmd('inspection_failed', 'e2', '2026-11-12')).then((events) => {
      expect(events[1]).toEqual(classChanged('B', 'C', 73, '2026-11-16', 'entry', 'inspection_failed:e2'));
    });
  });

  it('given an entry older than its validity, when recorded, then it does not count (85 → B)', () => {
    spec.given([]).when(entryCmd('inspection_failed', 'old', '2020-01-01')).then((events) => {
      expect(events[1]).toMatchObject({ type: 'RiskClassChanged', data: { to: 'B', score: 85 } });
    });
  });

  it('when a person records an entry, then CREDIT.FORBIDDEN', () => {
    spec.given([]).when({ ...entryCmd('inspection_passed', 'e1', '2026-11-10'), metadata: meta('2026-11-16', supervisor) }).thenThrows('CREDIT.FORBIDDEN');
  });

  it('when the kind is unknown, then CREDIT.VALIDATION naming kind', () => {
    const err = spec.given([]).when(entryCmd('inspection_passed', 'e1', '2026-11-10', '2026-11-16', { kind: 'bogus' })).thenThrows('CREDIT.VALIDATION');
    expect(err.details).toMatchObject({ errors: [{ field: 'kind', rule: 'one_of' }] });
  });
});

describe('credit record: abnormal-operations list (domain.md §8)', () => {
  const place = (who: Actor = supervisor, over: Record<string, unknown> = {}): CreditCommand => ({
    type: 'PlaceOnAbnormalList',
    data: { uscc: USCC, listingId: 'L1', reason: 'annual_report_not_filed', on: '2026-11-01', facts: facts(), ...over },
    metadata: meta('2026-11-16', who),
  });

  it('given class B, when placed on the list, then the listing, its entry (−10 → 75) and the floor C in the same decision', () => {
    spec.given([entry('inspection_passed', 'e1', '2026-11-10'), classChanged(null, 'B', 88, '2026-11-10', 'entry')]).when(place()).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['AbnormalListPlaced', 'CreditEntryRecorded', 'RiskClassChanged']);
      expect(events[0].data).toMatchObject({ listingId: 'L1', placedOn: '2026-11-01', enterpriseName: '深圳市某电器有限公司' });
      expect(events[2].data).toMatchObject({ from: 'B', to: 'C', score: 78, cause: { reason: 'list', entryId: 'abnormal_listed:L1' } });
    });
  });

  it('given an open listing for the same reason, when placed again under another id, then CREDIT.ALREADY_LISTED', () => {
    spec.given([{ type: 'AbnormalListPlaced', data: { uscc: USCC, enterpriseName: null, reason: 'annual_report_not_filed', placedOn: '2026-10-01', listingId: 'L0' } }]).when(place()).thenThrows('CREDIT.ALREADY_LISTED');
  });

  it('when a supervisor of another city places it, then CREDIT.FORBIDDEN', () => {
    spec.given([]).when(place(otherSupervisor)).thenThrows('CREDIT.FORBIDDEN');
  });

  it('when an inspector places it, then CREDIT.FORBIDDEN', () => {
    spec.given([]).when(place(inspector)).thenThrows('CREDIT.FORBIDDEN');
  });

  it('when the enterprise is not registered, then CREDIT.ENTERPRISE_UNKNOWN', () => {
    spec.given([]).when(place(supervisor, { facts: { policies: [], enterprise: null } })).thenThrows('CREDIT.ENTERPRISE_UNKNOWN');
  });

  it('when dated after today, then CREDIT.DATE_IN_FUTURE', () => {
    spec.given([]).when(place(supervisor, { on: '2026-11-17' })).thenThrows('CREDIT.DATE_IN_FUTURE');
  });

  it('given a listing, when removed once cured, then the removal, a 0-point entry and the class back to B', () => {
    const placed: CreditEvent[] = [
      { type: 'AbnormalListPlaced', data: { uscc: USCC, enterpriseName: null, reason: 'annual_report_not_filed', placedOn: '2026-11-01', listingId: 'L1' } },
      entry('abnormal_listed', 'L1', '2026-11-01', { entryId: 'abnormal_listed:L1', listingId: 'L1' }),
      classChanged(null, 'C', 75, '2026-11-01', 'list'),
    ];
    spec
      .given(placed)
      .when({ type: 'RemoveFromAbnormalList', data: { uscc: USCC, listingId: 'L1', cure: '已补报年报', on: '2026-11-16', facts: facts() }, metadata: meta('2026-11-16', supervisor) })
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['AbnormalListRemoved', 'CreditEntryRecorded', 'RiskClassChanged']);
        expect(events[2].data).toMatchObject({ from: 'C', to: 'B', score: 75 });
      });
  });

  it('given a removed listing, when removed again, then CREDIT.LISTING_ALREADY_REMOVED', () => {
    spec
      .given([
        { type: 'AbnormalListPlaced', data: { uscc: USCC, enterpriseName: null, reason: 'annual_report_not_filed', placedOn: '2026-11-01', listingId: 'L1' } },
        { type: 'AbnormalListRemoved', data: { uscc: USCC, listingId: 'L1', cure: 'x', removedOn: '2026-11-02' } },
      ])
      .when({ type: 'RemoveFromAbnormalList', data: { uscc: USCC, listingId: 'L1', cure: 'y', facts: facts() }, metadata: meta('2026-11-16', supervisor) })
      .thenThrows('CREDIT.LISTING_ALREADY_REMOVED');
  });

  it('given an abnormal listing uncured for 3 years, when the schedule moves it, then a serious-violation listing (class D)', () => {
    spec
      .given([{ type: 'AbnormalListPlaced', data: { uscc: USCC, enterpriseName: null, reason: 'unreachable_at_address', placedOn: '2023-11-01', listingId: 'L1' } }])
      .when({ type: 'ListSeriousViolation', data: { uscc: USCC, listingId: 'S1', grounds: { kind: 'abnormal_three_years', listingId: 'L1' }, on: '2026-11-01', facts: facts() }, metadata: meta('2026-11-16', system) })
      .then((events) => {
        expect(events[0]).toMatchObject({ type: 'SeriousViolationListed', data: { listedOn: '2026-11-01', listedUntil: '2029-11-01' } });
        expect(events[2]).toMatchObject({ type: 'RiskClassChanged', data: { to: 'D' } });
      });
  });

  it('given an abnormal listing of 2 years, when moved to the serious list, then CREDIT.ABNORMAL_NOT_THREE_YEARS', () => {
    spec
      .given([{ type: 'AbnormalListPlaced', data: { uscc: USCC, enterpriseName: null, reason: 'unreachable_at_address', placedOn: '2024-11-17', listingId: 'L1' } }])
      .when({ type: 'ListSeriousViolation', data: { uscc: USCC, listingId: 'S1', grounds: { kind: 'abnormal_three_years', listingId: 'L1' }, on: '2026-11-16', facts: facts() }, metadata: meta('2026-11-16', system) })
      .thenThrows('CREDIT.ABNORMAL_NOT_THREE_YEARS');
  });
});

describe('credit record: serious-violation list (SAMR Order 44)', () => {
  const remove = (on: string, reason: 'term_elapsed' | 'early_removal', over: Record<string, unknown> = {}): CreditCommand => ({
    type: 'RemoveFromSeriousViolationList',
    data: { uscc: USCC, listingId: 'S1', reason, obligationsFulfilled: true, harmRemedied: true, on, facts: facts(), ...over },
    metadata: meta(on, supervisor),
  });
  const listed = (listedOn: string): CreditEvent[] => [
    { type: 'SeriousViolationListed', data: { uscc: USCC, enterpriseName: null, listingId: 'S1', grounds: { kind: 'heavy_penalty', caseId: 'case-1' }, listedOn, listedUntil: '2028-11-16' } },
  ];

  it('when a heavy penalty lists the enterprise, then listed until +3 years and class D', () => {
    spec
      .given([])
      .when({ type: 'ListSeriousViolation', data: { uscc: USCC, listingId: 'S1', grounds: { kind: 'heavy_penalty', caseId: 'case-1' }, on: '2025-11-16', facts: facts() }, metadata: meta('2026-11-16', supervisor) })
      .then((events) => {
        expect(events[0].data).toMatchObject({ listedOn: '2025-11-16', listedUntil: '2028-11-16' });
        expect(events[2].data).toMatchObject({ from: null, to: 'D', score: 45 });
      });
  });

  it('given a listing for a case, when the same case is listed again, then nothing (one listing per heavy penalty)', () => {
    spec
      .given(listed('2025-11-16'))
      .when({ type: 'ListSeriousViolation', data: { uscc: USCC, listingId: 'S2', grounds: { kind: 'heavy_penalty', caseId: 'case-1' }, facts: facts() }, metadata: meta('2026-11-16', system) })
      .then([]);
  });

  it('given a listing of 1 year, when removed early with conditions met, then removed', () => {
    spec.given(listed('2025-11-16')).when(remove('2026-11-16', 'early_removal')).then((events) => {
      expect(events[0]).toEqual({ type: 'SeriousViolationRemoved', data: { uscc: USCC, listingId: 'S1', reason: 'early_removal', removedOn: '2026-11-16' } });
    });
  });

  it('given a listing of less than 1 year, when removed early, then CREDIT.EARLY_REMOVAL_TOO_SOON', () => {
    spec.given(listed('2025-11-17')).when(remove('2026-11-16', 'early_removal')).thenThrows('CREDIT.EARLY_REMOVAL_TOO_SOON');
  });

  it('given harm not remedied, when removed early, then CREDIT.EARLY_REMOVAL_CONDITIONS_UNMET', () => {
    spec.given(listed('2025-01-01')).when(remove('2026-11-16', 'early_removal', { harmRemedied: false })).thenThrows('CREDIT.EARLY_REMOVAL_CONDITIONS_UNMET');
  });

  it('given a new heavy penalty since listing, when removed early, then CREDIT.HEAVY_PENALTY_SINCE_LISTING', () => {
    spec.given([...listed('2025-01-01'), entry('penalty_heavy', 'p2', '2026-03-01', { caseId: 'case-2' })]).when(remove('2026-11-16', 'early_removal')).thenThrows('CREDIT.HEAVY_PENALTY_SINCE_LISTING');
  });

  it('given a listing whose term has not ended, when removed as term_elapsed, then CREDIT.TERM_NOT_ELAPSED', () => {
    spec.given(listed('2025-11-16')).when(remove('2026-11-16', 'term_elapsed')).thenThrows('CREDIT.TERM_NOT_ELAPSED');
  });

  it('given a listing whose 3 years ended, when the schedule removes it, then removed as term_elapsed', () => {
    spec
      .given(listed('2025-11-16'))
      .when({ ...remove('2028-11-16', 'term_elapsed'), metadata: meta('2028-11-17', system) })
      .then((events) => expect(events[0].data).toMatchObject({ reason: 'term_elapsed', removedOn: '2028-11-16' }));
  });
});

describe('credit record: repair (SAMR 2021 No. 3)', () => {
  const penalty = (caseId: string, decidedOn: string, sector: 'general' | 'food_drug_special_equipment' = 'general'): CreditEvent[] => [
    entry('inspection_failed', 'm1', '2026-01-01', { matterId: 'matter-1' }),
    entry('penalty_fine', caseId, decidedOn, { caseId, matterId: 'matter-1', penalty: { sector, publicationRequired: true } }),
  ];
  const apply = (who: Actor, target: unknown = { kind: 'penalty_publication', caseId: 'case-1' }, over: Record<string, unknown> = {}): CreditCommand => ({
    type: 'ApplyForRepair',
    data: { uscc: USCC, repairId: 'R1', target, obligationsFulfilled: true, harmRemedied: true, facts: facts(), ...over } as never,
    metadata: meta('2026-11-16', who),
  });
  const applied = (target: unknown = { kind: 'penalty_publication', caseId: 'case-1' }, appliedOn = '2026-11-16'): CreditEvent =>
    ({ type: 'RepairApplied', data: { uscc: USCC, repairId: 'R1', target, obligationsFulfilled: true, harmRemedied: true, appliedOn } }) as CreditEvent;
  const decide = (grant: boolean, publishedOn: string | null, today = '2026-11-16'): CreditCommand => ({
    type: 'DecideRepair',
    data: { uscc: USCC, repairId: 'R1', grant, reason: '已履行', penaltyPublishedOn: publishedOn, facts: facts() },
    metadata: meta(today, supervisor),
  });

  it('when the enterprise applies for its own record, then RepairApplied', () => {
    spec.given(penalty('case-1', '2026-02-01')).when(apply(enterprise)).then((events) => expect(events.map((e) => e.type)).toEqual(['RepairApplied']));
  });

  it('when another enterprise applies, then CREDIT.FORBIDDEN', () => {
    spec.given(penalty('case-1', '2026-02-01')).when({ ...apply(otherEnterprise), data: { ...apply(otherEnterprise).data, uscc: USCC } } as CreditCommand).thenThrows('CREDIT.FORBIDDEN');
  });

  it('when the target is not on the record, then CREDIT.REPAIR_TARGET_NOT_FOUND', () => {
    spec.given([]).when(apply(enterprise)).thenThrows('CREDIT.REPAIR_TARGET_NOT_FOUND');
  });

  it('given a pending application, when another is made for the same target, then CREDIT.REPAIR_PENDING', () => {
    spec.given([...penalty('case-1', '2026-02-01'), applied()]).when({ ...apply(enterprise), data: { ...apply(enterprise).data, repairId: 'R2' } } as CreditCommand).thenThrows('CREDIT.REPAIR_PENDING');
  });

  it('given a general penalty published 6 months ago, when granted, then RepairGranted and the case and matter entries stop counting (class back up)', () => {
    const history = [...penalty('case-1', '2026-02-01'), classChanged(null, 'C', 50, '2026-02-01', 'entry'), applied()];
    spec.given(history).when(decide(true, '2026-05-16')).then((events) => {
      expect(events[0]).toMatchObject({ type: 'RepairGranted', data: { repairId: 'R1', decidedOn: '2026-11-16' } });
      expect(events[1]).toMatchObject({ type: 'RiskClassChanged', data: { from: 'C', to: 'B', score: 85, cause: { reason: 'repair' } } });
    });
  });

  it('given a general penalty published less than 6 months ago, when granted, then CREDIT.REPAIR_TOO_EARLY', () => {
    spec.given([...penalty('case-1', '2026-02-01'), applied()]).when(decide(true, '2026-05-17')).thenThrows('CREDIT.REPAIR_TOO_EARLY');
  });

  it('given a food penalty published 11 months ago, when granted, then CREDIT.REPAIR_TOO_EARLY (12 months)', () => {
    spec.given([...penalty('case-1', '2025-12-01', 'food_drug_special_equipment'), applied()]).when(decide(true, '2025-12-17')).thenThrows('CREDIT.REPAIR_TOO_EARLY');
  });

  it('given an unpublished penalty, when granted, then CREDIT.PENALTY_NOT_PUBLISHED', () => {
    spec.given([...penalty('case-1', '2026-02-01'), applied()]).when(decide(true, null)).thenThrows('CREDIT.PENALTY_NOT_PUBLISHED');
  });

  it('given an application, when refused, then RepairRefused', () => {
    spec.given([...penalty('case-1', '2026-02-01'), applied()]).when(decide(false, null)).then((events) => expect(events).toEqual([{ type: 'RepairRefused', data: { uscc: USCC, repairId: 'R1', target: { kind: 'penalty_publication', caseId: 'case-1' }, decidedOn: '2026-11-16', reason: '已履行' } }]));
  });

  it('given a decided repair, when decided again, then CREDIT.REPAIR_ALREADY_DECIDED', () => {
    spec
      .given([...penalty('case-1', '2026-02-01'), applied(), { type: 'RepairRefused', data: { uscc: USCC, repairId: 'R1', target: { kind: 'penalty_publication', caseId: 'case-1' }, decidedOn: '2026-11-16', reason: 'x' } }])
      .when(decide(false, null))
      .thenThrows('CREDIT.REPAIR_ALREADY_DECIDED');
  });

  it('given a serious listing of more than a year, when its repair is granted, then the listing ends early and its entry is neutralised', () => {
    spec.given([...seriousListed('S1', '2025-10-01'), applied({ kind: 'serious_violation_list', listingId: 'S1' })]).when(decide(true, null)).then((events) => {
      expect(events.map((e) => e.type)).toEqual(['RepairGranted', 'SeriousViolationRemoved', 'CreditEntryRecorded', 'RiskClassChanged']);
      expect(events[3].data).toMatchObject({ to: 'B', score: 85 });
    });
  });

  it('given a serious listing of less than a year, when its repair is granted, then CREDIT.EARLY_REMOVAL_TOO_SOON', () => {
    spec.given([...seriousListed('S1', '2026-06-01'), applied({ kind: 'serious_violation_list', listingId: 'S1' })]).when(decide(true, null)).thenThrows('CREDIT.EARLY_REMOVAL_TOO_SOON');
  });
});

describe('credit record: reclassification', () => {
  it('given an expiry that leaves the class as it was (B), when reclassified, then nothing', () => {
    spec
      .given([entry('inspection_failed', 'e1', '2024-11-01'), classChanged(null, 'B', 70 + 5, '2024-11-01', 'entry')])
      .when({ type: 'Reclassify', data: { uscc: USCC, facts: facts() }, metadata: meta('2026-11-16', system) })
      .then((events) => expect(events).toEqual([]));
  });

  it('given class C from a failed inspection, when it expires after 24 months, then RiskClassChanged C → B (expiry)', () => {
    spec
      .given([entry('inspection_failed', 'e1', '2024-11-01'), entry('declaration_late', 'e2', '2026-01-01'), classChanged(null, 'C', 67, '2026-01-01', 'entry')])
      .when({ type: 'Reclassify', data: { uscc: USCC, facts: facts() }, metadata: meta('2026-11-16', system) })
      .then([classChanged('C', 'B', 82, '2026-11-16', 'expiry')]);
  });

  it('given a new policy version with a higher threshold, when reclassified, then RiskClassChanged for policy', () => {
    const v1: ScoringPolicy = { ...DEFAULT_SCORING_POLICY, version: 1, effectiveFrom: '2026-11-01', thresholds: { A: 95, B: 90, C: 60 }, note: 'strict' };
    spec
      .given([entry('inspection_passed', 'e1', '2026-10-01'), classChanged(null, 'B', 88, '2026-10-01', 'entry')])
      .when({ type: 'Reclassify', data: { uscc: USCC, facts: facts([v1]) }, metadata: meta('2026-11-16', system) })
      .then([{ type: 'RiskClassChanged', data: { uscc: USCC, from: 'B', to: 'C', score: 88, policyVersion: 1, on: '2026-11-16', cause: { entryId: null, reason: 'policy' } } }]);
  });

  it('given no record, when reclassified, then nothing', () => {
    spec.given([]).when({ type: 'Reclassify', data: { uscc: USCC, facts: facts() }, metadata: meta('2026-11-16', system) }).then([]);
  });

  it('when a supervisor reclassifies, then CREDIT.FORBIDDEN', () => {
    spec.given([]).when({ type: 'Reclassify', data: { uscc: USCC, facts: facts() }, metadata: meta('2026-11-16', supervisor) }).thenThrows('CREDIT.FORBIDDEN');
  });
});
