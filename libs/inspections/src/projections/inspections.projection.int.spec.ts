import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import type { Actor } from '@regledger/shared';
import { inspectionStreamId, type Finding, type InspectionCompletedData, type InspectionOpened, type InspectionOpenedData } from '../domain/inspection/index.js';
import { GetInspectionHandler, GetInspectionQuery } from '../queries/get-inspection/get-inspection.query.js';
import { FindInspectionsHandler, FindInspectionsQuery } from '../queries/find-inspections/find-inspections.query.js';
import { FindInspectionResultsHandler, FindInspectionResultsQuery } from '../queries/find-inspection-results/find-inspection-results.query.js';
import { FindPublicationOverdueHandler, FindPublicationOverdueQuery } from '../queries/find-publication-overdue/find-publication-overdue.query.js';
import { inspectionsProjection } from './inspections.projection.js';

const UCODE = '914403001922038216';
const T1 = 'task-1';
const T2 = 'task-2';
const PRODUCT = { name: '空气净化器', model: 'KJ500G-A1' };

const opened = (id: string, over: Partial<InspectionOpenedData> = {}): InspectionOpened => ({
  type: 'InspectionOpened',
  data: {
    inspectionId: id,
    origin: { type: 'targeted', source: 'report', reference: 'RPT-1' },
    uscc: UCODE,
    enterpriseName: '华为技术有限公司',
    authority: '440300',
    product: PRODUCT,
    productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]),
    inspectorIds: [],
    description: '举报',
    openedOn: '2026-10-20',
    ...over,
  },
});
const finding = (over: Partial<Finding> = {}): Finding => ({ indicator: '洁净空气量', declaredValue: '≥500', measuredValue: '512', unit: 'm³/h', testMethod: null, conforming: true, ...over });
const completedData: InspectionCompletedData = {
  inspectionId: T1,
  origin: { type: 'targeted', source: 'report', reference: 'RPT-1' },
  uscc: UCODE,
  authority: '440300',
  product: PRODUCT,
  productKey: JSON.stringify([PRODUCT.name, PRODUCT.model]),
  inspectorIds: ['insp-a', 'insp-b'],
  outcome: 'non_conforming',
  completedOn: '2026-10-23',
  publicationDueOn: '2026-11-20',
  productionDate: '2026-03-01',
  declaration: { declarationId: 'd1', version: 1, standardNumber: 'Q/HW 001-2026', standardTitle: '空气净化器企业标准', effectiveFrom: '2026-01-05', effectiveTo: null },
  judgedIndicators: [{ name: '洁净空气量', declaredValue: '≥500', unit: 'm³/h', testMethod: null, conforming: false }],
  nonConformingIndicators: ['洁净空气量'],
  note: null,
};

const s1 = inspectionStreamId(T1);
const s2 = inspectionStreamId(T2);
const history: RecordedEvent[] = [
  recorded(s1, 0, opened(T1)),
  recorded(s1, 1, { type: 'InspectorsAssigned', data: { inspectionId: T1, inspectorIds: ['insp-a', 'insp-b'], previousInspectorIds: [], assignedOn: '2026-10-20' } }),
  recorded(s1, 2, { type: 'InspectionStarted', data: { inspectionId: T1, inspectorIds: ['insp-a', 'insp-b'], startedOn: '2026-10-21' } }),
  recorded(s1, 3, { type: 'FindingsRecorded', data: { inspectionId: T1, findings: [finding(), finding({ indicator: '待机功率', declaredValue: '≤2.0', measuredValue: '1.5' })], recordedOn: '2026-10-22' } }),
  recorded(s1, 4, { type: 'FindingsRecorded', data: { inspectionId: T1, findings: [finding({ measuredValue: '455', conforming: false })], recordedOn: '2026-10-22' } }),
  recorded(s1, 5, { type: 'InspectionCompleted', data: completedData }),
  recorded(s2, 0, opened(T2, { origin: { type: 'random', planId: 'plan-1' }, authority: '440100', inspectorIds: ['insp-c', 'insp-d'] })),
];

const supervisor = (jurisdiction: string): Actor => ({ id: `sup-${jurisdiction}`, role: 'supervisor', jurisdiction });
const inspector = (id: string): Actor => ({ id, role: 'inspector', jurisdiction: '440300' });

describe('inspections projection', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('folds the lifecycle into one row per task: inspectors, findings merged per indicator, outcome, due date', async () => {
    await ProjectionSpec.for(inspectionsProjection, database.db)
      .given(history)
      .then(async (db) => {
        const view = await new GetInspectionHandler(db).execute(new GetInspectionQuery(T1, supervisor('440300')));
        expect(view).toMatchObject({
          inspectionId: T1,
          origin: { type: 'targeted', source: 'report', reference: 'RPT-1' },
          status: 'completed',
          inspectorIds: ['insp-a', 'insp-b'],
          outcome: 'non_conforming',
          productionDate: '2026-03-01',
          declaration: { declarationId: 'd1', version: 1 },
          nonConformingIndicators: ['洁净空气量'],
          startedOn: '2026-10-21',
          completedOn: '2026-10-23',
          publication: { dueOn: '2026-11-20', publishedOn: null, late: null, overdueRecordedOn: null },
          revision: 5,
        });
        expect(view.findings).toEqual([finding({ measuredValue: '455', conforming: false }), finding({ indicator: '待机功率', declaredValue: '≤2.0', measuredValue: '1.5' })]);
      });
  });

  it('lists by scope and filters: supervisors their jurisdiction, inspectors their own tasks', async () => {
    await ProjectionSpec.for(inspectionsProjection, database.db)
      .given(history)
      .then(async (db) => {
        const find = new FindInspectionsHandler(db);
        const ids = async (actor: Actor, c: Record<string, string> = {}) =>
          (await find.execute(new FindInspectionsQuery({ limit: 20, offset: 0, ...c }, actor))).items.map((i) => i.inspectionId);
        expect(await ids(supervisor('440000'))).toEqual(expect.arrayContaining([T1, T2]));
        expect(await ids(supervisor('440300'))).toEqual([T1]);
        expect(await ids(inspector('insp-c'))).toEqual([T2]);
        expect(await ids(supervisor('440000'), { origin: 'random' })).toEqual([T2]);
        expect(await ids(supervisor('440000'), { planId: 'plan-1' })).toEqual([T2]);
        expect(await ids(supervisor('440000'), { status: 'completed' })).toEqual([T1]);
        expect(await ids(supervisor('440000'), { inspectorId: 'insp-a' })).toEqual([T1]);
        expect(await ids(supervisor('440000'), { uscc: UCODE.toLowerCase() })).toEqual(expect.arrayContaining([T1, T2]));
        await expect(find.execute(new FindInspectionsQuery({ limit: 20, offset: 0, inspectorId: 'insp-a' }, inspector('insp-c')))).rejects.toMatchObject({ code: 'INSPECTION.FORBIDDEN' });
        await expect(new GetInspectionHandler(db).execute(new GetInspectionQuery(T1, inspector('insp-c')))).rejects.toMatchObject({ code: 'INSPECTION.FORBIDDEN' });
        await expect(new GetInspectionHandler(db).execute(new GetInspectionQuery('nope', supervisor('440000')))).rejects.toMatchObject({ code: 'INSPECTION.NOT_FOUND' });
      });
  });

  it('flags an unpublished result past its due date, then shows it publicly once published (late), without inspectors', async () => {
    const overdue = recorded(s1, 6, { type: 'ResultPublicationOverdue', data: { inspectionId: T1, uscc: UCODE, authority: '440300', publicationDueOn: '2026-11-20', recordedOn: '2026-11-23' } });
    const published = recorded(s1, 7, {
      type: 'InspectionResultPublished',
      data: { inspectionId: T1, uscc: UCODE, enterpriseName: '华为技术有限公司', authority: '440300', product: PRODUCT, outcome: 'non_conforming', completedOn: '2026-10-23', publicationDueOn: '2026-11-20', publishedOn: '2026-11-24', late: true },
    });
    await ProjectionSpec.for(inspectionsProjection, database.db)
      .given([...history, overdue])
      .then(async (db) => {
        const page = await new FindPublicationOverdueHandler(db).execute(new FindPublicationOverdueQuery({ limit: 20, offset: 0 }, supervisor('440300'), new Date('2026-11-24T02:00:00Z')));
        expect(page.items).toEqual([expect.objectContaining({ inspectionId: T1, publicationDueOn: '2026-11-20', overdueRecorded: true, overdueRecordedOn: '2026-11-23', workingDaysOverdue: 2 })]);
        expect((await new FindInspectionResultsHandler(db).execute(new FindInspectionResultsQuery({ limit: 20, offset: 0 }))).items).toEqual([]);
      });
    await ProjectionSpec.for(inspectionsProjection, database.db)
      .given([...history, overdue, published])
      .then(async (db) => {
        const results = await new FindInspectionResultsHandler(db).execute(new FindInspectionResultsQuery({ limit: 20, offset: 0 }));
        expect(results.items).toEqual([
          {
            inspectionId: T1,
            uscc: UCODE,
            enterpriseName: '华为技术有限公司',
            product: PRODUCT,
            outcome: 'non_conforming',
            inspectionType: 'targeted',
            standardNumber: 'Q/HW 001-2026',
            nonConformingIndicators: ['洁净空气量'],
            completedOn: '2026-10-23',
            publishedOn: '2026-11-24',
            authority: '440300',
          },
        ]);
        expect(JSON.stringify(results)).not.toContain('insp-');
        const view = await new GetInspectionHandler(db).execute(new GetInspectionQuery(T1, supervisor('440300')));
        expect(view.publication).toEqual({ dueOn: '2026-11-20', publishedOn: '2026-11-24', late: true, overdueRecordedOn: '2026-11-23' });
        const page = await new FindPublicationOverdueHandler(db).execute(new FindPublicationOverdueQuery({ limit: 20, offset: 0 }, supervisor('440300'), new Date('2026-11-24T02:00:00Z')));
        expect(page.items).toEqual([]);
      });
  });
});
