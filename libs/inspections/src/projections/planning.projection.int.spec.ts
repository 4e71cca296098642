import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import type { Actor } from '@regledger/shared';
import { commitmentOf, runDraw } from '../domain/draw/draw.rules.js';
import type { InspectionPlanCreatedData, InspectionsDrawnData } from '../domain/plan/plan.events.js';
import { planStreamId } from '../domain/plan/plan.events.js';
import { inspectorStreamId } from '../domain/inspector/inspector.events.js';
import { FindInspectorsHandler, FindInspectorsQuery } from '../queries/find-inspectors/find-inspectors.query.js';
import { GetInspectorHandler, GetInspectorQuery } from '../queries/get-inspector/get-inspector.query.js';
import { GetInspectionPlanHandler, GetInspectionPlanQuery } from '../queries/get-inspection-plan/get-inspection-plan.query.js';
import { GetDrawHandler, GetDrawQuery } from '../queries/get-draw/get-draw.query.js';
import { inspectorsProjection } from './inspectors.projection.js';
import { inspectionPlansProjection } from './inspection-plans.projection.js';

const HUAWEI = '914403001922038216';
const OTHER = '91350100M000100Y43';
const supervisor: Actor = { id: 's', role: 'supervisor', jurisdiction: '440100' };

const ins = (id: string, revision: number, type: string, data: Record<string, unknown>) => recorded(inspectorStreamId(id), revision, { type, data: { inspectorId: id, ...data } });

describe('planning projections', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('inspectors: registration, qualifications, conflicts as a sorted set, deactivation and reactivation; applied twice gives the same rows', async () => {
    await ProjectionSpec.for(inspectorsProjection, database.db)
      .given([
        ins('GZ-1', 0, 'InspectorRegistered', { name: '李明', jurisdiction: '440106', qualifications: ['a'], conflicts: [], registeredOn: '2026-01-05' }),
        ins('GZ-1', 1, 'InspectorConflictDeclared', { uscc: OTHER, declaredOn: '2026-01-06' }),
        ins('GZ-1', 2, 'InspectorConflictDeclared', { uscc: HUAWEI, declaredOn: '2026-01-06' }),
        ins('GZ-1', 3, 'InspectorConflictWithdrawn', { uscc: OTHER, withdrawnOn: '2026-01-07' }),
        ins('GZ-1', 4, 'InspectorQualificationsUpdated', { qualifications: ['b', 'c'], previous: ['a'], updatedOn: '2026-01-07' }),
        ins('GZ-1', 5, 'InspectorDeactivated', { reason: '调岗', deactivatedOn: '2026-01-08' }),
        ins('SZ-1', 0, 'InspectorRegistered', { name: '王', jurisdiction: '440300', qualifications: [], conflicts: [OTHER, HUAWEI], registeredOn: '2026-01-05' }),
        ins('SZ-1', 1, 'InspectorDeactivated', { reason: '休假', deactivatedOn: '2026-01-08' }),
        ins('SZ-1', 2, 'InspectorReactivated', { reactivatedOn: '2026-01-09' }),
      ])
      .then(async (db) => {
        const gz = await new GetInspectorHandler(db).execute(new GetInspectorQuery(supervisor, 'GZ-1'));
        expect(gz).toEqual({ inspectorId: 'GZ-1', name: '李明', jurisdiction: '440106', active: false, qualifications: ['b', 'c'], conflicts: [HUAWEI], deactivationReason: '调岗', registeredOn: '2026-01-05', revision: 5 });
        const page = await new FindInspectorsHandler(db).execute(new FindInspectorsQuery(supervisor, { limit: 20, offset: 0 }));
        expect(page.items.map((i) => i.inspectorId)).toEqual(['GZ-1']);
        const all = await new FindInspectorsHandler(db).execute(new FindInspectorsQuery({ id: 'a', role: 'admin', jurisdiction: '000000' }, { active: true, limit: 20, offset: 0 }));
        expect(all.items.map((i) => [i.inspectorId, i.conflicts])).toEqual([['SZ-1', [OTHER, HUAWEI]]]);
        await expect(new GetInspectorHandler(db).execute(new GetInspectorQuery(supervisor, 'SZ-1'))).rejects.toMatchObject({ code: 'INSPECTOR.FORBIDDEN' });
      });
  });

  it('inspection plans: created, then drawn with the recorded draw; the public view hides inspectors', async () => {
    const secret = 'projection-secret-0123456789abcdef0123';
    const plan: InspectionPlanCreatedData = {
      planId: 'P-1',
      jurisdiction: '440100',
      name: '第一批',
      scope: { productCategories: ['rice_cooker'], standardKinds: null, keyCategoriesOnly: false },
      policy: { ratios: { A: 1, B: 1, C: 1, D: 1 }, inspectorsPerTarget: 2, exclusionMonths: 6, requiredQualifications: [] },
      period: { from: '2026-04-01', to: '2026-06-30' },
      commitment: commitmentOf(secret),
      createdOn: '2026-03-16',
    };
    const input = {
      planId: 'P-1',
      authority: '440100',
      drawnOn: '2026-03-20',
      policy: plan.policy,
      revealedSecret: secret,
      commitment: plan.commitment,
      poolPosition: '1/2',
      targets: [{ uscc: HUAWEI, jurisdiction: '440106', creditClass: 'B' as const, products: [], openCaseProductKeys: [], passedSpotChecks: [] }],
      inspectors: ['I-1', 'I-2'].map((inspectorId) => ({ inspectorId, jurisdiction: '440100', active: true, qualifications: [], conflicts: [] })),
    };
    const drawn: InspectionsDrawnData = {
      planId: 'P-1',
      jurisdiction: '440100',
      drawnOn: '2026-03-20',
      input,
      result: runDraw(input),
      poolBasis: { position: { commit: '1', prepare: '2' }, builderVersion: 1, asOf: '2026-03-20', standardKinds: null, defaultCreditClass: 'B' },
    };
    await ProjectionSpec.for(inspectionPlansProjection, database.db)
      .given([recorded(planStreamId('P-1'), 0, { type: 'InspectionPlanCreated', data: plan }), recorded(planStreamId('P-1'), 1, { type: 'InspectionsDrawn', data: drawn })])
      .then(async (db) => {
        const view = await new GetInspectionPlanHandler(db).execute(new GetInspectionPlanQuery('P-1'));
        expect(view).toMatchObject({ planId: 'P-1', status: 'drawn', drawnOn: '2026-03-20', period: plan.period, commitment: plan.commitment, scope: plan.scope, revision: 1 });
        const official = await new GetDrawHandler(db).execute(new GetDrawQuery(supervisor, 'P-1'));
        expect(official.assignments).toEqual(drawn.result.assignments);
        expect(official.input).toEqual(input);
        const publicView = await new GetDrawHandler(db).execute(new GetDrawQuery({ id: 'anonymous', role: 'public', jurisdiction: '000000' }, 'P-1'));
        expect(publicView.assignments).toEqual([{ uscc: HUAWEI }]);
        expect(publicView).not.toHaveProperty('input');
        expect(publicView.revealedSecret).toBe(secret);
      });
  });
});
