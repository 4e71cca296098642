import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import type { Actor } from '@regledger/shared';
import { caseStreamId, matterIdFor, matterStreamIdFor, productKeyOf, subjectDigestOf, type CaseEvent, type MatterEvent } from '../domain/index.js';
import { GetMatterHandler, GetMatterQuery } from '../queries/get-matter/get-matter.query.js';
import { FindPenaltiesHandler, FindPenaltiesQuery } from '../queries/find-penalties/find-penalties.query.js';
import { EnforcementWorklistHandler, EnforcementWorklistQuery } from '../queries/worklist/worklist.query.js';
import { enforcementProjection } from './enforcement.projection.js';

const USCC = '914403001922038216';
const PRODUCT = { name: '空气净化器', model: 'KJ500G' };
const SUBJECT = { kind: 'product' as const, productKey: productKeyOf(PRODUCT), product: PRODUCT };
const M1 = matterIdFor(USCC, subjectDigestOf(SUBJECT), 1);
const M2 = matterIdFor(USCC, subjectDigestOf(SUBJECT), 2);
const CASE = '0197b000-0000-7000-8000-000000000001';
const supervisor: Actor = { id: 's', role: 'supervisor', jurisdiction: '440300' };
const trigger = (id: string, occurredOn: string) => ({ kind: 'failed_inspection' as const, sourceEventId: id, sourceStreamId: 'x', reference: null, occurredOn, description: null });

const matterEvents: MatterEvent[] = [
  { type: 'MatterOpened', data: { matterId: M1, uscc: USCC, jurisdiction: '440305', subject: SUBJECT, trigger: trigger('e1', '2026-03-02'), openedOn: '2026-03-02' } },
  { type: 'MatterClosed', data: { matterId: M1, uscc: USCC, outcome: 'dismissed', reason: '误报', closedOn: '2026-03-03' } },
  { type: 'MatterOpened', data: { matterId: M2, uscc: USCC, jurisdiction: '440305', subject: SUBJECT, trigger: trigger('e2', '2026-03-04'), openedOn: '2026-03-04' } },
  { type: 'StopSaleOrdered', data: { matterId: M2, uscc: USCC, orderedOn: '2026-03-04' } },
  { type: 'CorrectionOrdered', data: { matterId: M2, uscc: USCC, orderedOn: '2026-03-05', correctionDueOn: '2026-05-04', followUpDueOn: '2026-05-19' } },
];
const caseEvents: CaseEvent[] = [
  { type: 'LeadRegistered', data: { caseId: CASE, uscc: USCC, jurisdiction: '440305', matterId: M2, productKey: null, source: { kind: 'matter', reference: M2 }, summary: 's', discoveredOn: '2026-03-02', verificationDueOn: '2026-03-23' } },
  { type: 'CaseOpened', data: { caseId: CASE, uscc: USCC, jurisdiction: '440305', matterId: M2, productKey: null, openedOn: '2026-03-10', decisionDueOn: '2026-06-08' } },
  {
    type: 'PenaltyDecided',
    data: {
      caseId: CASE,
      uscc: USCC,
      jurisdiction: '440305',
      matterId: M2,
      productKey: null,
      decidedOn: '2026-06-01',
      penalties: [{ kind: 'fine', amountYuan: 50_000 }],
      heavy: false,
      sector: 'general',
      legalBasis: '产品质量法第四十九条',
      publication: { required: true, dueOn: '2026-06-30', window: '3_months' },
    },
  },
  { type: 'CaseClosed', data: { caseId: CASE, uscc: USCC, outcome: 'penalty', closedOn: '2026-06-01' } },
  { type: 'PenaltyPublished', data: { caseId: CASE, uscc: USCC, publishedOn: '2026-06-10', shownUntil: '2026-09-09', late: false } },
];

describe('enforcement projection', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });
  afterAll(async () => {
    await database.close();
  });

  it('given two matters in one stream, a case through publication and an enterprise, when applied twice, then the same rows', async () => {
    const events = [
      recorded<unknown>(`enterprise-${USCC}`, 0, { type: 'EnterpriseRegistered', data: { uscc: USCC, name: '旧名', jurisdiction: '440305', address: 'a', industry: 'i', registeredOn: '2026-01-05' } }),
      recorded<unknown>(`enterprise-${USCC}`, 1, { type: 'EnterpriseRenamed', data: { uscc: USCC, previousName: '旧名', newName: '深圳净化电器有限公司', effectiveDate: '2026-02-01', jurisdiction: '440305' } }),
      ...matterEvents.map((e, i) => recorded<unknown>(matterStreamIdFor(USCC, SUBJECT), i, e)),
      ...caseEvents.map((e, i) => recorded<unknown>(caseStreamId(CASE), i, e)),
    ];
    await ProjectionSpec.for(enforcementProjection, database.db)
      .given(events)
      .then(async (db) => {
        const matters = await sql<Record<string, unknown>>`select matter_id, status, next_deadline, to_char(next_due_on, 'YYYY-MM-DD') as next_due_on, stream_revision::int as rev
          from enforcement_matters order by matter_id`.execute(db);
        expect(matters.rows).toEqual([
          { matter_id: M1, status: 'closed', next_deadline: null, next_due_on: null, rev: 1 },
          { matter_id: M2, status: 'open', next_deadline: 'follow_up', next_due_on: '2026-05-19', rev: 4 },
        ]);
        const page = await new GetMatterHandler(db).execute(new GetMatterQuery(M2, supervisor, '2026-05-20'));
        expect(page).toMatchObject({ matterId: M2, stopSaleOn: '2026-03-04', nextDeadline: { deadline: 'follow_up', dueOn: '2026-05-19', overdue: true }, overdue: true });
        expect(page.timeline.map((s) => [s.type, s.on])).toEqual([
          ['MatterOpened', '2026-03-04'],
          ['StopSaleOrdered', '2026-03-04'],
          ['CorrectionOrdered', '2026-03-05'],
        ]);
        const work = await new EnforcementWorklistHandler(db).execute(new EnforcementWorklistQuery(supervisor, '2026-05-20', { limit: 10, offset: 0 }));
        expect(work.items.map((w) => [w.kind, w.id, w.nextDeadline?.overdue])).toEqual([['matter', M2, true]]);
        const list = await new FindPenaltiesHandler(db).execute(new FindPenaltiesQuery('2026-06-10', { limit: 10, offset: 0 }));
        expect(list.items).toEqual([
          {
            caseId: CASE,
            uscc: USCC,
            enterpriseName: '深圳净化电器有限公司',
            penalties: [{ kind: 'fine', amountYuan: 50_000 }],
            legalBasis: '产品质量法第四十九条',
            decidedOn: '2026-06-01',
            publishedOn: '2026-06-10',
            shownUntil: '2026-09-09',
            authority: '440305',
          },
        ]);
        expect((await new FindPenaltiesHandler(db).execute(new FindPenaltiesQuery('2026-09-10', { limit: 10, offset: 0 }))).items).toEqual([]);
      });
  });
});
