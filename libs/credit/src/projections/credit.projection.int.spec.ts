import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import { DEFAULT_CREDIT_POLICY, creditStreamId, type CreditEvent } from '../domain/index.js';
import { PublicListHandler, PublicListQuery } from '../queries/public-list/public-list.query.js';
import { ListScoringPoliciesHandler, ListScoringPoliciesQuery } from '../queries/list-scoring-policies/list-scoring-policies.query.js';
import { creditProjection } from './credit.projection.js';

const USCC = '914403001922038216';
const entry = (entryId: string, kind: string, occurredOn: string, over: Record<string, unknown> = {}): CreditEvent =>
  ({ type: 'CreditEntryRecorded', data: { uscc: USCC, entryId, kind, occurredOn, matterId: null, caseId: null, sources: [], summary: kind, ...over } }) as CreditEvent;

describe('credit projection', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });
  afterAll(async () => {
    await database.close();
  });

  it('given entries, listings, a class change and a granted repair, when applied twice, then the same rows: class, neutralised entries, public lists', async () => {
    const events: CreditEvent[] = [
      entry('inspection_failed:1', 'inspection_failed', '2026-01-01', { matterId: 'm-1' }),
      entry('penalty_fine:2', 'penalty_fine', '2026-02-01', { caseId: 'case-1', matterId: 'm-1', penalty: { sector: 'general', publicationRequired: true } }),
      { type: 'RiskClassChanged', data: { uscc: USCC, from: null, to: 'D', score: 50, policyVersion: 0, on: '2026-02-01', cause: { entryId: 'penalty_fine:2', reason: 'entry' } } },
      { type: 'AbnormalListPlaced', data: { uscc: USCC, enterpriseName: '深圳市某电器有限公司', reason: 'annual_report_not_filed', placedOn: '2026-03-01', listingId: 'L1' } },
      { type: 'SeriousViolationListed', data: { uscc: USCC, enterpriseName: '深圳市某电器有限公司', listingId: 'S1', grounds: { kind: 'heavy_penalty', caseId: 'case-9' }, listedOn: '2026-03-02', listedUntil: '2029-03-02' } },
      { type: 'AbnormalListRemoved', data: { uscc: USCC, listingId: 'L1', cure: '已补报', removedOn: '2026-04-01' } },
      { type: 'RepairApplied', data: { uscc: USCC, repairId: 'R1', target: { kind: 'penalty_publication', caseId: 'case-1' }, obligationsFulfilled: true, harmRemedied: true, appliedOn: '2026-09-01' } },
      { type: 'RepairGranted', data: { uscc: USCC, repairId: 'R1', target: { kind: 'penalty_publication', caseId: 'case-1' }, decidedOn: '2026-09-02', reason: 'ok' } },
      { type: 'RiskClassChanged', data: { uscc: USCC, from: 'D', to: 'C', score: 85, policyVersion: 0, on: '2026-09-02', cause: { entryId: null, reason: 'repair' } } },
    ];
    const policy = recorded('credit-scoring-policy', 0, { type: 'ScoringPolicyPublished', data: { version: 1, effectiveFrom: '2026-12-01', basePoints: 80, points: {}, validityMonths: {}, thresholds: { A: 90, B: 75, C: 60 }, listFloors: { abnormal: 'C', serious_violation: 'D' }, note: 'v1', publishedOn: '2026-11-16' } });
    await ProjectionSpec.for(creditProjection, database.db)
      .given([...events.map((e, i) => recorded<unknown>(creditStreamId(USCC), i, e)), policy])
      .then(async (db) => {
        const records = await sql<Record<string, unknown>>`select uscc, risk_class, score, version from credit_records`.execute(db);
        expect(records.rows).toEqual([{ uscc: USCC, risk_class: 'C', score: 85, version: 9 }]);
        const entries = await sql<{ entry_id: string; repaired: string | null }>`select entry_id, to_char(repaired_on, 'YYYY-MM-DD') as repaired from credit_entries order by entry_id`.execute(db);
        expect(entries.rows).toEqual([
          { entry_id: 'inspection_failed:1', repaired: '2026-09-02' },
          { entry_id: 'penalty_fine:2', repaired: '2026-09-02' },
        ]);
        const changes = await sql<{ n: string }>`select count(*)::text as n from credit_class_changes`.execute(db);
        expect(changes.rows[0].n).toBe('2');
        const abnormal = await new PublicListHandler(db).execute(new PublicListQuery('abnormal', 20, 0));
        expect(abnormal.items).toEqual([]);
        const serious = await new PublicListHandler(db).execute(new PublicListQuery('serious_violation', 20, 0));
        expect(serious.items).toEqual([{ listingId: 'S1', uscc: USCC, enterpriseName: '深圳市某电器有限公司', reason: 'heavy_penalty', listedOn: '2026-03-02', listedUntil: '2029-03-02' }]);
        const repair = await sql<{ status: string }>`select status from credit_repairs`.execute(db);
        expect(repair.rows).toEqual([{ status: 'granted' }]);
        const policies = await new ListScoringPoliciesHandler(db, { ...DEFAULT_CREDIT_POLICY, scoringPointsLimit: 500 }).execute(new ListScoringPoliciesQuery('2026-11-16'));
        expect(policies.limits).toEqual({ points: 500, validityMonths: 240 });
        expect(policies.items.map((p) => [p.version, p.effectiveFrom, p.inForce])).toEqual([
          [0, '0001-01-01', true],
          [1, '2026-12-01', false],
        ]);
      });
  });
});
