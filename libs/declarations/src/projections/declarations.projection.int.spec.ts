import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { AnyDb, Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import type { RecordedEvent } from '@regledger/event-store';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import type { Role } from '@regledger/shared';
import { enterpriseStreamId, type EnterpriseRenamedData } from '@regledger/enterprises/contracts';
import {
  declarationsStreamId,
  type DeclarationAbolishedData,
  type DeclarationConfirmedData,
  type DeclarationContent,
  type DeclarationMarkedLateData,
  type DeclarationRedeclaredData,
  type DeclarationRevisedData,
  type LateReason,
  type RedeclarationOverdueData,
  type RedeclarationRequiredData,
  type StandardDeclaredData,
} from '../domain/index.js';
import { FindDeclarationsHandler, FindDeclarationsQuery, type FindDeclarationsCriteria } from '../queries/find-declarations/find-declarations.query.js';
import { GetDeclarationHandler, GetDeclarationQuery } from '../queries/get-declaration/get-declaration.query.js';
import { FindDeclarationInForceHandler, FindDeclarationInForceQuery } from '../queries/find-declaration-in-force/find-declaration-in-force.query.js';
import { declarationsProjection, numberKey } from './declarations.projection.js';
import { searchable } from '../domain/index.js';

const HUAWEI = '914403001922038216';
const FUZHOU = '91350100M000100Y43';
const NAME = '华为技术有限公司';
const NEW_NAME = '华为终端技术有限公司';
const STREAM = declarationsStreamId(HUAWEI);
const FUZHOU_STREAM = declarationsStreamId(FUZHOU);
const ID1 = `${HUAWEI}-0197a000-0000-7000-8000-000000000001`;
const ID2 = `${HUAWEI}-0197a000-0000-7000-8000-000000000002`;
const ID3 = `${HUAWEI}-0197a000-0000-7000-8000-000000000003`;
const FUZHOU_ID = `${FUZHOU}-0197a000-0000-7000-8000-000000000009`;

const NO_SHORTFALL = { flagged: false, referenceStandard: null, explanation: null };

/** An enterprise standard for an air purifier (the shape the decider records). */
const content: DeclarationContent = {
  standard: { kind: 'enterprise', number: 'Q/HW 0001-2025', title: '空气净化器企业标准', mandatory: false, issuedOn: '2025-05-20' },
  products: [
    { name: '空气净化器', model: 'KJ500F-A1', category: 'air_purifier' },
    { name: '儿童 玩具', model: 'TY 01', category: 'toy' },
    { name: '空气净化器', model: 'KJ600F-A1', category: 'air_purifier' },
  ],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥500', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' }],
  fullTextDisclosed: false,
  firstSaleOn: null,
  belowRecommended: NO_SHORTFALL,
};

/** The revised enterprise standard: a new number, one product, below the recommended standard. */
const revisedContent: DeclarationContent = {
  standard: { kind: 'enterprise', number: 'Q/HW 0001-2026', title: '空气净化器企业标准（修订）', mandatory: false, issuedOn: '2025-06-20' },
  products: [{ name: '空气净化器', model: 'KJ700F-A1', category: 'air_purifier' }],
  indicators: [{ name: '洁净空气量', type: 'performance', value: '≥700', unit: 'm³/h', testMethod: 'GB/T 18801-2022 附录B' }],
  fullTextDisclosed: true,
  firstSaleOn: '2025-06-25',
  belowRecommended: { flagged: true, referenceStandard: 'GB/T 18801-2022', explanation: '待机功率指标少于推荐性标准' },
};

/** A national recommended standard. */
const nationalContent: DeclarationContent = {
  standard: { kind: 'national', number: 'GB/T 18801-2022', title: '空气净化器', mandatory: false, issuedOn: '2022-12-30' },
  products: [{ name: '空气净化器', model: 'KJ300', category: 'air_purifier' }],
  indicators: [],
  fullTextDisclosed: true,
  firstSaleOn: null,
  belowRecommended: NO_SHORTFALL,
};

type At = { recordedAt?: Date; reason?: string; actorId?: string; actorRole?: Role };

const over = <D>(at: At = {}): Partial<RecordedEvent<D>> => {
  const out: Partial<RecordedEvent<D>> = {};
  if (at.recordedAt) out.recordedAt = at.recordedAt;
  if (at.reason !== undefined || at.actorId !== undefined || at.actorRole !== undefined) {
    out.metadata = {
      actorId: at.actorId ?? 'tester',
      actorRole: at.actorRole ?? 'admin',
      jurisdiction: '440307',
      correlationId: 'corr-projection',
      causationId: null,
      idempotencyKey: null,
      reason: at.reason ?? null,
    };
  }
  return out;
};

const declared = (revision: number, declarationId: string, data: Partial<StandardDeclaredData> = {}, at: At = {}, stream = STREAM): RecordedEvent<StandardDeclaredData> =>
  recorded(
    stream,
    revision,
    {
      type: 'StandardDeclared',
      data: {
        declarationId,
        uscc: HUAWEI,
        enterpriseName: NAME,
        jurisdiction: '440307',
        version: 1,
        content,
        effectiveFrom: '2025-06-01',
        declaredOn: '2025-06-01',
        ...data,
      },
    },
    over(at),
  );

const lateReasons: LateReason[] = [
  { rule: 'after_first_sale', firstSaleOn: '2025-05-01', declaredOn: '2025-06-01' },
  { rule: 'after_issue_window', issuedOn: '2025-04-01', declaredOn: '2025-06-01', daysAfterIssue: 61, allowedDays: 30 },
];

const markedLate = (revision: number, declarationId: string, version: number, reasons: LateReason[] = lateReasons, at: At = {}): RecordedEvent<DeclarationMarkedLateData> =>
  recorded(STREAM, revision, { type: 'DeclarationMarkedLate', data: { declarationId, uscc: HUAWEI, version, reasons } }, over(at));

const revised = (
  revision: number,
  declarationId: string,
  version: number,
  effectiveFrom: string,
  data: Partial<DeclarationRevisedData> = {},
  at: At = {},
): RecordedEvent<DeclarationRevisedData> =>
  recorded(
    STREAM,
    revision,
    { type: 'DeclarationRevised', data: { declarationId, uscc: HUAWEI, version, enterpriseName: NAME, content: revisedContent, effectiveFrom, ...data } },
    over(at),
  );

const confirmed = (revision: number, declarationId: string, version: number, reviewedOn: string, at: At = {}): RecordedEvent<DeclarationConfirmedData> =>
  recorded(STREAM, revision, { type: 'DeclarationConfirmed', data: { declarationId, uscc: HUAWEI, version, reviewedOn } }, over(at));

const abolished = (revision: number, declarationId: string, version: number, effectiveDate: string, at: At = {}): RecordedEvent<DeclarationAbolishedData> =>
  recorded(STREAM, revision, { type: 'DeclarationAbolished', data: { declarationId, uscc: HUAWEI, version, effectiveDate } }, over(at));

const required = (revision: number, declarationIds: string[], at: At = {}): RecordedEvent<RedeclarationRequiredData> =>
  recorded(
    STREAM,
    revision,
    {
      type: 'RedeclarationRequired',
      data: {
        uscc: HUAWEI,
        previousName: NAME,
        newName: NEW_NAME,
        renamedOn: '2025-07-01',
        deadline: '2025-07-31',
        declarationIds,
        sourceEventId: '0197a000-0000-7000-8000-0000000000ff',
      },
    },
    over(at),
  );

const redeclared = (revision: number, declarationId: string, version: number, at: At = {}): RecordedEvent<DeclarationRedeclaredData> =>
  recorded(STREAM, revision, { type: 'DeclarationRedeclared', data: { declarationId, uscc: HUAWEI, version, enterpriseName: NEW_NAME } }, over(at));

const overdue = (revision: number, declarationId: string, at: At = {}): RecordedEvent<RedeclarationOverdueData> =>
  recorded(STREAM, revision, { type: 'RedeclarationOverdue', data: { declarationId, uscc: HUAWEI, deadline: '2025-07-31', recordedOn: '2025-08-01' } }, over(at));

const renamed = (uscc: string, revision: number, previousName: string, newName: string): RecordedEvent<EnterpriseRenamedData> =>
  recorded(enterpriseStreamId(uscc), revision, {
    type: 'EnterpriseRenamed',
    data: { uscc, previousName, newName, effectiveDate: '2025-07-01', jurisdiction: '440307' },
  });

interface Row {
  declaration_id: string;
  uscc: string;
  enterprise_name: string;
  enterprise_search: string;
  jurisdiction: string;
  status: string;
  version: number;
  standard_kind: string;
  standard_number: string;
  standard_key: string;
  standard_title: string;
  mandatory: boolean;
  full_text_disclosed: boolean;
  below_recommended: boolean;
  late: boolean;
  late_reasons: unknown;
  categories: string[] | string;
  product_search: string;
  product_count: number;
  content: unknown;
  declared_on: string;
  effective_from: string;
  abolished_on: string | null;
  last_reviewed_on: string | null;
  redeclare_deadline: string | null;
  redeclaration_overdue: boolean;
  stream_revision: string;
  declared_at: string;
  updated_at: string;
}

const rowOf = async (db: AnyDb, id: string): Promise<Row | undefined> => {
  const r = await sql<Row>`
    select declaration_id, uscc, enterprise_name, enterprise_search, jurisdiction, status, version, standard_kind, standard_number, standard_key,
      standard_title, mandatory, full_text_disclosed, below_recommended, late, late_reasons, array_to_string(categories, ',') as categories,
      product_search, product_count, content, to_char(declared_on, 'YYYY-MM-DD') as declared_on, to_char(effective_from, 'YYYY-MM-DD') as effective_from,
      to_char(abolished_on, 'YYYY-MM-DD') as abolished_on, to_char(last_reviewed_on, 'YYYY-MM-DD') as last_reviewed_on,
      to_char(redeclare_deadline, 'YYYY-MM-DD') as redeclare_deadline, redeclaration_overdue, stream_revision::text as stream_revision,
      declared_at, updated_at
    from declarations where declaration_id = ${id}`.execute(db);
  return r.rows[0];
};

interface VersionRow {
  version: number;
  uscc: string;
  enterprise_name: string;
  effective_from: string;
  effective_to: string | null;
  actor_id: string;
  actor_role: string;
  reason: string | null;
  event_id: string;
  content: unknown;
}

const versionsOf = async (db: AnyDb, id: string): Promise<VersionRow[]> =>
  (
    await sql<VersionRow>`
      select version, uscc, enterprise_name, to_char(effective_from, 'YYYY-MM-DD') as effective_from, to_char(effective_to, 'YYYY-MM-DD') as effective_to,
        actor_id, actor_role, reason, event_id, content
      from declaration_versions where declaration_id = ${id} order by version`.execute(db)
  ).rows;

const productsOf = async (db: AnyDb, id: string): Promise<unknown[]> =>
  (
    await sql`select version, position, name, model, category, name_key, model_key from declaration_products
      where declaration_id = ${id} order by version, position`.execute(db)
  ).rows;

interface HistoryRow {
  stream_revision: string;
  valid_from: string;
  valid_to: string | null;
  status: string;
  version: number;
  late: boolean;
}

const historyOf = async (db: AnyDb, id: string): Promise<HistoryRow[]> =>
  (
    await sql<HistoryRow>`
      select stream_revision::text as stream_revision, valid_from, valid_to, view->>'status' as status, (view->>'version')::int as version,
        (view->>'late')::boolean as late
      from declaration_history where declaration_id = ${id} order by stream_revision`.execute(db)
  ).rows.map((r) => ({
    ...r,
    version: Number(r.version),
    valid_from: new Date(r.valid_from).toISOString(),
    valid_to: r.valid_to === null ? null : new Date(r.valid_to).toISOString(),
  }));

const find = (db: AnyDb, criteria: Partial<FindDeclarationsCriteria> = {}) =>
  new FindDeclarationsHandler(db).execute(new FindDeclarationsQuery({ sort: 'declaredOn', order: 'asc', limit: 100, offset: 0, ...criteria }));

const idsOf = (page: { items: { declarationId: string }[] }): string[] => page.items.map((i) => i.declarationId).sort();

const inForce = (db: AnyDb, product: string, model: string, date: string) =>
  new FindDeclarationInForceHandler(db).execute(new FindDeclarationInForceQuery({ uscc: HUAWEI, product, model, date }));

const count = async (db: AnyDb, table: string): Promise<number> =>
  Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(db)).rows[0].n);

describe('declarations projection', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('declares its tables, the events it handles and a version', () => {
    expect(declarationsProjection.name).toBe('declarations');
    expect(declarationsProjection.tables).toEqual(['declarations', 'declaration_versions', 'declaration_products', 'declaration_history']);
    expect([...declarationsProjection.handles].sort()).toEqual(
      [
        'DeclarationAbolished',
        'DeclarationConfirmed',
        'DeclarationMarkedLate',
        'DeclarationRedeclared',
        'DeclarationRevised',
        'EnterpriseRenamed',
        'RedeclarationOverdue',
        'RedeclarationRequired',
        'StandardDeclared',
      ].sort(),
    );
    expect(declarationsProjection.version).toBeGreaterThanOrEqual(1);
  });

  it('the search keys: numbers lose spaces and dash variants, text is folded and lower case', () => {
    for (const n of ['GB/T 18801-2022', 'GB/T 18801—2022', 'GB/T18801-2022', ' gb/t  18801–2022 ', 'ＧＢ/Ｔ 18801-2022']) expect({ n, key: numberKey(n) }).toEqual({ n, key: 'GB/T18801-2022' });
    expect(searchable('  KJ500F   A1 ')).toBe('kj500f a1');
    expect(searchable('华为　技术')).toBe('华为 技术');
  });

  it('declared: one active row at version 1 with the searchable fields; version 1 and its products recorded with who and why', async () => {
    const at = new Date('2025-06-01T02:00:00.000Z');
    const event = declared(0, ID1, {}, { recordedAt: at, actorId: 'enterprise-user-1', actorRole: 'enterprise', reason: '首次声明' });
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([event])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toEqual({
          declaration_id: ID1,
          uscc: HUAWEI,
          enterprise_name: NAME,
          enterprise_search: NAME,
          jurisdiction: '440307',
          status: 'active',
          version: 1,
          standard_kind: 'enterprise',
          standard_number: 'Q/HW 0001-2025',
          standard_key: 'Q/HW0001-2025',
          standard_title: '空气净化器企业标准',
          mandatory: false,
          full_text_disclosed: false,
          below_recommended: false,
          late: false,
          late_reasons: [],
          categories: 'air_purifier,toy',
          product_search: ['空气净化器 kj500f-a1', '儿童 玩具 ty 01', '空气净化器 kj600f-a1'].join('\n'),
          product_count: 3,
          content,
          declared_on: '2025-06-01',
          effective_from: '2025-06-01',
          abolished_on: null,
          last_reviewed_on: null,
          redeclare_deadline: null,
          redeclaration_overdue: false,
          stream_revision: '0',
          declared_at: expect.anything(),
          updated_at: expect.anything(),
        });
        const row = (await rowOf(db, ID1))!;
        expect(new Date(row.declared_at).toISOString()).toBe(at.toISOString());
        expect(new Date(row.updated_at).toISOString()).toBe(at.toISOString());

        expect(await versionsOf(db, ID1)).toEqual([
          {
            version: 1,
            uscc: HUAWEI,
            enterprise_name: NAME,
            effective_from: '2025-06-01',
            effective_to: null,
            actor_id: 'enterprise-user-1',
            actor_role: 'enterprise',
            reason: '首次声明',
            event_id: event.id,
            content,
          },
        ]);
        expect(await productsOf(db, ID1)).toEqual([
          { version: 1, position: 0, name: '空气净化器', model: 'KJ500F-A1', category: 'air_purifier', name_key: '空气净化器', model_key: 'kj500f-a1' },
          { version: 1, position: 1, name: '儿童 玩具', model: 'TY 01', category: 'toy', name_key: '儿童 玩具', model_key: 'ty 01' },
          { version: 1, position: 2, name: '空气净化器', model: 'KJ600F-A1', category: 'air_purifier', name_key: '空气净化器', model_key: 'kj600f-a1' },
        ]);

        const page = await new GetDeclarationHandler(db).execute(new GetDeclarationQuery(ID1));
        expect(page).toMatchObject({
          declarationId: ID1,
          status: 'active',
          version: 1,
          categories: ['air_purifier', 'toy'],
          late: false,
          lateReasons: [],
          content,
          versions: [
            {
              version: 1,
              enterpriseName: NAME,
              effectiveFrom: '2025-06-01',
              effectiveTo: null,
              recordedAt: at.toISOString(),
              recordedBy: { actorId: 'enterprise-user-1', role: 'enterprise' },
              reason: '首次声明',
              eventId: event.id,
              content,
            },
          ],
        });
      });
  });

  it('declared and marked late: late with its reasons; an on-time declaration beside it is not late; other event types are skipped', async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([
        declared(0, ID1),
        markedLate(1, ID1, 1),
        declared(2, ID2, { content: nationalContent }),
        recorded('complaint-x', 0, { type: 'ComplaintFiled', data: { uscc: HUAWEI } }),
        recorded(enterpriseStreamId(HUAWEI), 0, { type: 'EnterpriseRegistered', data: { uscc: HUAWEI, name: NAME } }),
      ])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({ status: 'active', version: 1, late: true, late_reasons: lateReasons, stream_revision: '1' });
        expect(await rowOf(db, ID2)).toMatchObject({
          status: 'active',
          late: false,
          late_reasons: [],
          standard_kind: 'national',
          standard_number: 'GB/T 18801-2022',
          standard_key: 'GB/T18801-2022',
          categories: 'air_purifier',
          product_count: 1,
          full_text_disclosed: true,
          stream_revision: '2',
        });
        expect(await count(db, 'declarations')).toBe(2);
        expect(idsOf(await find(db, { late: true }))).toEqual([ID1]);
        expect(idsOf(await find(db, { late: false }))).toEqual([ID2]);
        for (const standard of ['GB/T 18801—2022', 'GB/T18801-2022', 'gb/t 18801-2022', '18801']) {
          expect({ standard, ids: idsOf(await find(db, { standard })) }).toEqual({ standard, ids: [ID2] });
        }
        expect(idsOf(await find(db, { product: 'KJ600F' }))).toEqual([ID1]);
        expect(idsOf(await find(db, { product: '净化器' }))).toEqual([ID1, ID2]);
        expect(idsOf(await find(db, { category: 'toy' }))).toEqual([ID1]);
        expect(idsOf(await find(db, { kind: 'national' }))).toEqual([ID2]);
        expect((await new GetDeclarationHandler(db).execute(new GetDeclarationQuery(ID1))).lateReasons).toEqual(lateReasons);
      });
  });

  it('revised: the new version replaces the content; v1 ends where v2 begins; the late mark of v1 does not carry over; a late v3 is late again', async () => {
    const v2 = revised(2, ID1, 2, '2025-07-01', { enterpriseName: NEW_NAME }, { actorId: 'supervisor-1', actorRole: 'supervisor', reason: '标准修订' });
    const v3Content: DeclarationContent = { ...revisedContent, standard: { ...revisedContent.standard, number: 'Q/HW 0001-2027' }, belowRecommended: NO_SHORTFALL };
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), markedLate(1, ID1, 1), v2])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({
          status: 'active',
          version: 2,
          enterprise_name: NEW_NAME,
          enterprise_search: `${NAME}\n${NEW_NAME}`,
          standard_number: 'Q/HW 0001-2026',
          standard_key: 'Q/HW0001-2026',
          standard_title: '空气净化器企业标准（修订）',
          full_text_disclosed: true,
          below_recommended: true,
          late: false,
          late_reasons: [],
          categories: 'air_purifier',
          product_search: '空气净化器 kj700f-a1',
          product_count: 1,
          content: revisedContent,
          declared_on: '2025-06-01',
          effective_from: '2025-07-01',
          stream_revision: '2',
        });
        expect((await versionsOf(db, ID1)).map((v) => [v.version, v.enterprise_name, v.effective_from, v.effective_to, v.actor_id, v.actor_role, v.reason])).toEqual([
          [1, NAME, '2025-06-01', '2025-07-01', 'tester', 'admin', null],
          [2, NEW_NAME, '2025-07-01', null, 'supervisor-1', 'supervisor', '标准修订'],
        ]);
        expect((await versionsOf(db, ID1))[1]).toMatchObject({ event_id: v2.id, content: revisedContent });
        expect((await productsOf(db, ID1)).map((p) => (p as { version: number; model: string }).version + ':' + (p as { model: string }).model)).toEqual([
          '1:KJ500F-A1',
          '1:TY 01',
          '1:KJ600F-A1',
          '2:KJ700F-A1',
        ]);
        expect(idsOf(await find(db, { q: '华为终端' }))).toEqual([ID1]);
        expect(idsOf(await find(db, { q: '华为技术' }))).toEqual([ID1]);
        expect(idsOf(await find(db, { belowRecommended: true }))).toEqual([ID1]);
        expect(idsOf(await find(db, { standard: 'Q/HW 0001-2025' }))).toEqual([]);

        expect((await inForce(db, '空气净化器', 'KJ500F-A1', '2025-06-30')).inForce.map((v) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([[1, '2025-06-01', '2025-07-01']]);
        expect((await inForce(db, '空气净化器', 'KJ500F-A1', '2025-07-01')).inForce).toEqual([]);
        expect((await inForce(db, '空气净化器', 'kj700f-a1', '2025-07-01')).inForce.map((v) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([[2, '2025-07-01', null]]);
        expect((await inForce(db, '空气净化器', 'KJ700F-A1', '2025-06-30')).inForce).toEqual([]);
        expect((await inForce(db, '空气净化器', 'KJ500F-A1', '2025-05-31')).inForce).toEqual([]);
      });

    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), markedLate(1, ID1, 1), v2, revised(3, ID1, 3, '2025-08-01', { content: v3Content }), markedLate(4, ID1, 3, [lateReasons[0]])])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({ version: 3, standard_number: 'Q/HW 0001-2027', below_recommended: false, late: true, late_reasons: [lateReasons[0]], stream_revision: '4' });
        expect((await versionsOf(db, ID1)).map((v) => [v.version, v.effective_from, v.effective_to])).toEqual([
          [1, '2025-06-01', '2025-07-01'],
          [2, '2025-07-01', '2025-08-01'],
          [3, '2025-08-01', null],
        ]);
      });
  });

  it('confirmed: the review date is recorded and the version stays', async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), confirmed(1, ID1, 1, '2025-09-01')])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({ status: 'active', version: 1, last_reviewed_on: '2025-09-01', stream_revision: '1' });
        expect(await versionsOf(db, ID1)).toHaveLength(1);
        expect((await versionsOf(db, ID1))[0].effective_to).toBeNull();
      });
  });

  it('abolished: status and date; the last version ends on the abolition date, the earlier keep their own end; nothing is in force from then on', async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), revised(1, ID1, 2, '2025-07-01'), abolished(2, ID1, 2, '2025-10-01')])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({ status: 'abolished', version: 2, abolished_on: '2025-10-01', redeclare_deadline: null, stream_revision: '2' });
        expect((await versionsOf(db, ID1)).map((v) => [v.version, v.effective_from, v.effective_to])).toEqual([
          [1, '2025-06-01', '2025-07-01'],
          [2, '2025-07-01', '2025-10-01'],
        ]);
        expect((await inForce(db, '空气净化器', 'KJ700F-A1', '2025-09-30')).inForce.map((v) => [v.version, v.effectiveTo])).toEqual([[2, '2025-10-01']]);
        expect((await inForce(db, '空气净化器', 'KJ700F-A1', '2025-10-01')).inForce).toEqual([]);
        expect(idsOf(await find(db, { status: 'abolished' }))).toEqual([ID1]);
        expect(idsOf(await find(db, { status: 'active' }))).toEqual([]);
      });
  });

  it('change of name: the listed declarations wait with the deadline, the abolished one is untouched; re-declared → active under the new name; overdue → flagged', async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([
        declared(0, ID1),
        declared(1, ID2, { content: nationalContent }),
        declared(2, ID3, { content: { ...nationalContent, products: [{ name: '空气净化器', model: 'KJ900', category: 'air_purifier' }] } }),
        abolished(3, ID3, 1, '2025-06-15'),
        required(4, [ID1, ID2]),
        redeclared(5, ID1, 1),
        overdue(6, ID2),
      ])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({
          status: 'active',
          enterprise_name: NEW_NAME,
          enterprise_search: `${NAME}\n${NEW_NAME}`,
          redeclare_deadline: null,
          redeclaration_overdue: false,
          stream_revision: '5',
        });
        expect(await rowOf(db, ID2)).toMatchObject({
          status: 'to_be_redeclared',
          enterprise_name: NAME,
          enterprise_search: `${NAME}\n${NEW_NAME}`,
          redeclare_deadline: '2025-07-31',
          redeclaration_overdue: true,
          stream_revision: '6',
        });
        expect(await rowOf(db, ID3)).toMatchObject({
          status: 'abolished',
          enterprise_name: NAME,
          enterprise_search: NAME,
          redeclare_deadline: null,
          redeclaration_overdue: false,
          stream_revision: '3',
        });
        expect(idsOf(await find(db, { status: 'to_be_redeclared' }))).toEqual([ID2]);
        expect(idsOf(await find(db, { q: '华为终端' }))).toEqual([ID1, ID2]);
        expect(idsOf(await find(db, { q: '华为技术' }))).toEqual([ID1, ID2, ID3]);
      });

    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), declared(1, ID2, { content: nationalContent }), required(2, [ID1, ID2])])
      .then(async (db) => {
        for (const id of [ID1, ID2]) {
          expect(await rowOf(db, id)).toMatchObject({ status: 'to_be_redeclared', redeclare_deadline: '2025-07-31', redeclaration_overdue: false, stream_revision: '2' });
          expect((await historyOf(db, id)).map((h) => [h.stream_revision, h.status])).toEqual([
            [id === ID1 ? '0' : '1', 'active'],
            ['2', 'to_be_redeclared'],
          ]);
        }
      });
  });

  it('a revision clears a pending re-declaration with its deadline and overdue mark, as the domain does', async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), required(1, [ID1]), overdue(2, ID1), revised(3, ID1, 2, '2025-08-01', { enterpriseName: NEW_NAME })])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({
          status: 'active',
          version: 2,
          enterprise_name: NEW_NAME,
          redeclare_deadline: null,
          redeclaration_overdue: false,
          stream_revision: '3',
        });
        expect(idsOf(await find(db, { status: 'to_be_redeclared' }))).toEqual([]);
      });
  });

  it('an abolition ends a pending re-declaration: no deadline and no overdue mark, as the domain does', async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([declared(0, ID1), required(1, [ID1]), overdue(2, ID1), abolished(3, ID1, 1, '2025-08-10')])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({
          status: 'abolished',
          abolished_on: '2025-08-10',
          redeclare_deadline: null,
          redeclaration_overdue: false,
          stream_revision: '3',
        });
      });
  });

  it("EnterpriseRenamed adds the new name to the enterprise search of that enterprise's declarations only, once", async () => {
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([
        declared(0, ID1),
        declared(1, ID2, { content: nationalContent }),
        declared(0, FUZHOU_ID, { uscc: FUZHOU, enterpriseName: '福州示例有限公司', jurisdiction: '350100' }, {}, FUZHOU_STREAM),
        renamed(HUAWEI, 1, NAME, NEW_NAME),
        renamed(HUAWEI, 1, NAME, NEW_NAME),
      ])
      .then(async (db) => {
        for (const id of [ID1, ID2]) {
          expect(await rowOf(db, id)).toMatchObject({ enterprise_name: NAME, enterprise_search: `${NAME}\n${NEW_NAME}`, status: 'active' });
        }
        expect(await rowOf(db, FUZHOU_ID)).toMatchObject({ enterprise_name: '福州示例有限公司', enterprise_search: '福州示例有限公司' });
        expect(idsOf(await find(db, { q: '华为终端' }))).toEqual([ID1, ID2]);
        expect(idsOf(await find(db, { q: ' 华为技术 ' }))).toEqual([ID1, ID2]);
        expect(idsOf(await find(db, { q: '福州' }))).toEqual([FUZHOU_ID]);
        expect(idsOf(await find(db, { q: '有限公司', jurisdiction: '350000' }))).toEqual([FUZHOU_ID]);
        expect(idsOf(await find(db, { jurisdiction: '440000' }))).toEqual([ID1, ID2]);
        expect(idsOf(await find(db, { uscc: FUZHOU.toLowerCase() }))).toEqual([FUZHOU_ID]);
      });
  });

  it('out-of-order replays are ignored: an older event delivered after a newer one changes nothing', async () => {
    const first = declared(0, ID1);
    const late = markedLate(1, ID1, 1);
    const v2 = revised(2, ID1, 2, '2025-07-01');
    const review = confirmed(3, ID1, 2, '2025-09-01');
    const other = declared(4, ID2, { content: nationalContent });
    const need = required(5, [ID1, ID2]);
    const back = redeclared(6, ID1, 2);
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([first, late, v2, review, other, need, back, first, late, v2, review, need, late, first, other])
      .then(async (db) => {
        expect(await rowOf(db, ID1)).toMatchObject({
          status: 'active',
          version: 2,
          enterprise_name: NEW_NAME,
          standard_number: 'Q/HW 0001-2026',
          late: false,
          late_reasons: [],
          last_reviewed_on: '2025-09-01',
          redeclare_deadline: null,
          effective_from: '2025-07-01',
          stream_revision: '6',
        });
        expect(await rowOf(db, ID2)).toMatchObject({ status: 'to_be_redeclared', redeclare_deadline: '2025-07-31', stream_revision: '5' });
        expect((await versionsOf(db, ID1)).map((v) => [v.version, v.effective_from, v.effective_to])).toEqual([
          [1, '2025-06-01', '2025-07-01'],
          [2, '2025-07-01', null],
        ]);
        expect(await productsOf(db, ID1)).toHaveLength(4);
        expect((await historyOf(db, ID1)).map((h) => [h.stream_revision, h.status, h.version, h.late])).toEqual([
          ['0', 'active', 1, false],
          ['1', 'active', 1, true],
          ['2', 'active', 2, false],
          ['3', 'active', 2, false],
          ['5', 'to_be_redeclared', 2, false],
          ['6', 'active', 2, false],
        ]);
        expect((await historyOf(db, ID1)).filter((h) => h.valid_to === null)).toHaveLength(1);
        expect(await count(db, 'declaration_history')).toBe(8);
      });
  });

  it('declaration_history keeps every state with its recorded period; the registry read asOf a past time shows it as it stood', async () => {
    const t = (s: string): Date => new Date(`2025-${s}Z`);
    await ProjectionSpec.for(declarationsProjection, database.db)
      .given([
        declared(0, ID1, {}, { recordedAt: t('06-01T02:00:00.000') }),
        markedLate(1, ID1, 1, lateReasons, { recordedAt: t('06-01T02:00:00.000') }),
        declared(2, ID2, { content: nationalContent, declaredOn: '2025-06-10', effectiveFrom: '2025-06-10' }, { recordedAt: t('06-10T02:00:00.000') }),
        revised(3, ID1, 2, '2025-07-01', {}, { recordedAt: t('06-20T02:00:00.000') }),
        abolished(4, ID1, 2, '2025-08-01', { recordedAt: t('07-15T02:00:00.000') }),
      ])
      .then(async (db) => {
        expect(await historyOf(db, ID1)).toEqual([
          { stream_revision: '0', valid_from: '2025-06-01T02:00:00.000Z', valid_to: '2025-06-01T02:00:00.000Z', status: 'active', version: 1, late: false },
          { stream_revision: '1', valid_from: '2025-06-01T02:00:00.000Z', valid_to: '2025-06-20T02:00:00.000Z', status: 'active', version: 1, late: true },
          { stream_revision: '3', valid_from: '2025-06-20T02:00:00.000Z', valid_to: '2025-07-15T02:00:00.000Z', status: 'active', version: 2, late: false },
          { stream_revision: '4', valid_from: '2025-07-15T02:00:00.000Z', valid_to: null, status: 'abolished', version: 2, late: false },
        ]);
        expect(await historyOf(db, ID2)).toEqual([
          { stream_revision: '2', valid_from: '2025-06-10T02:00:00.000Z', valid_to: null, status: 'active', version: 1, late: false },
        ]);

        const asOf = async (iso: string, criteria: Partial<FindDeclarationsCriteria> = {}) => {
          const page = await find(db, { asOf: new Date(iso), ...criteria });
          expect(page.asOf).toBe(new Date(iso).toISOString());
          return page.items.map((i) => [i.declarationId, i.status, i.version, i.late, i.standard.number]);
        };
        expect(await asOf('2025-06-01T01:59:59.999Z')).toEqual([]);
        expect(await asOf('2025-06-01T02:00:00.000Z')).toEqual([[ID1, 'active', 1, true, 'Q/HW 0001-2025']]);
        expect(await asOf('2025-06-15T00:00:00.000Z')).toEqual([
          [ID1, 'active', 1, true, 'Q/HW 0001-2025'],
          [ID2, 'active', 1, false, 'GB/T 18801-2022'],
        ]);
        expect(await asOf('2025-07-01T00:00:00.000Z', { status: 'active', sort: 'standardNumber' })).toEqual([
          [ID2, 'active', 1, false, 'GB/T 18801-2022'],
          [ID1, 'active', 2, false, 'Q/HW 0001-2026'],
        ]);
        expect(await asOf('2025-07-15T02:00:00.000Z', { status: 'abolished' })).toEqual([[ID1, 'abolished', 2, false, 'Q/HW 0001-2026']]);
        expect(await asOf('2025-07-15T01:59:59.999Z', { late: true })).toEqual([]);
        expect(await asOf('2025-06-15T00:00:00.000Z', { late: true, standard: 'Q/HW 0001-2025', q: '华为', product: 'kj600', category: 'toy', kind: 'enterprise', jurisdiction: '440300' })).toEqual([
          [ID1, 'active', 1, true, 'Q/HW 0001-2025'],
        ]);
        const past = await find(db, { asOf: new Date('2025-06-15T00:00:00.000Z'), uscc: HUAWEI });
        expect(past.total).toBe(2);
        expect(past.items.find((i) => i.declarationId === ID1)).toMatchObject({
          enterpriseName: NAME,
          jurisdiction: '440307',
          categories: ['air_purifier', 'toy'],
          productCount: 3,
          declaredOn: '2025-06-01',
          effectiveFrom: '2025-06-01',
          abolishedOn: null,
          redeclarationOverdue: false,
          updatedAt: '2025-06-01T02:00:00.000Z',
        });
        const now = await find(db);
        expect(now.asOf).toBeNull();
        expect(now.items.map((i) => [i.declarationId, i.status])).toEqual([
          [ID1, 'abolished'],
          [ID2, 'active'],
        ]);
      });
  });

  it('a batch is applied as its events one by one would be: a mixed batch in one apply, split, or one event per apply gives the same rows; applying it again changes nothing', async () => {
    const t = (s: string): Date => new Date(`2025-${s}Z`);
    const first = declared(0, ID1, {}, { recordedAt: t('06-01T02:00:00.000'), actorId: 'enterprise-user-1', actorRole: 'enterprise', reason: '首次声明' });
    const late = markedLate(1, ID1, 1, lateReasons, { recordedAt: t('06-01T02:00:00.000') });
    const batch: RecordedEvent[] = [
      first,
      late,
      declared(2, ID2, { content: nationalContent, declaredOn: '2025-06-10', effectiveFrom: '2025-06-10' }, { recordedAt: t('06-10T02:00:00.000') }),
      declared(3, ID3, { declaredOn: '2025-06-10', effectiveFrom: '2025-06-10' }, { recordedAt: t('06-10T03:00:00.000') }),
      declared(0, FUZHOU_ID, { uscc: FUZHOU, enterpriseName: '福州示例有限公司', jurisdiction: '350100' }, { recordedAt: t('06-11T02:00:00.000') }, FUZHOU_STREAM),
      renamed(HUAWEI, 1, NAME, NEW_NAME),
      revised(4, ID1, 2, '2025-07-01', { enterpriseName: NEW_NAME }, { recordedAt: t('06-20T02:00:00.000'), actorId: 'supervisor-1', actorRole: 'supervisor', reason: '标准修订' }),
      late,
      confirmed(5, ID1, 2, '2025-09-01', { recordedAt: t('06-21T02:00:00.000') }),
      required(6, [ID1, ID2], { recordedAt: t('07-01T02:00:00.000') }),
      redeclared(7, ID2, 1, { recordedAt: t('07-02T02:00:00.000') }),
      first,
      overdue(8, ID1, { recordedAt: t('08-01T02:00:00.000') }),
      abolished(9, ID1, 2, '2025-10-01', { recordedAt: t('08-02T02:00:00.000') }),
      revised(10, ID3, 2, '2025-08-05', {}, { recordedAt: t('08-05T02:00:00.000') }),
    ];
    const tablesOf = (suffix: string): Record<string, string> => Object.fromEntries(declarationsProjection.tables.map((name) => [name, `${name}${suffix}`]));
    const keys: Record<string, string> = {
      declarations: 'declaration_id',
      declaration_versions: 'declaration_id, version',
      declaration_products: 'declaration_id, version, position',
      declaration_history: 'declaration_id, stream_revision',
    };
    const contents = async (db: AnyDb, tables: Record<string, string>): Promise<Record<string, unknown[]>> => {
      const out: Record<string, unknown[]> = {};
      for (const [name, table] of Object.entries(tables)) out[name] = (await sql`select * from ${sql.table(table)} order by ${sql.raw(keys[name])}`.execute(db)).rows;
      return out;
    };
    const applied = async (suffix: string, batches: RecordedEvent[][]): Promise<Record<string, string>> => {
      const tables = tablesOf(suffix);
      for (const table of Object.values(tables)) await sql`drop table if exists ${sql.table(table)}`.execute(database.db);
      await declarationsProjection.createTables(database.db, tables);
      for (const events of batches) await database.db.transaction().execute((trx) => declarationsProjection.apply(trx, events, tables));
      return tables;
    };

    const each = await contents(database.db, await applied('_each', batch.map((e) => [e])));
    const whole = await applied('_whole', [batch]);
    expect(await contents(database.db, whole)).toEqual(each);
    const split = await applied('_split', [batch.slice(0, 3), batch.slice(3, 5), batch.slice(5, 10), batch.slice(10)]);
    expect(await contents(database.db, split)).toEqual(each);

    await database.db.transaction().execute((trx) => declarationsProjection.apply(trx, batch, whole));
    expect(await contents(database.db, whole)).toEqual(each);

    expect(each.declarations).toHaveLength(4);
    expect(each.declaration_versions).toHaveLength(6);
    expect(each.declaration_products).toHaveLength(3 + 1 + 1 + 3 + 3 + 1);
    const history = (each.declaration_history as { declaration_id: string; stream_revision: string | number; valid_to: unknown; view: { status: string; enterpriseSearch: string } }[])
      .filter((h) => h.declaration_id === ID1)
      .map((h) => [String(h.stream_revision), h.view.status, h.view.enterpriseSearch, h.valid_to === null]);
    expect(history).toEqual([
      ['0', 'active', NAME, false],
      ['1', 'active', NAME, false],
      ['4', 'active', `${NAME}\n${NEW_NAME}`, false],
      ['5', 'active', `${NAME}\n${NEW_NAME}`, false],
      ['6', 'to_be_redeclared', `${NAME}\n${NEW_NAME}`, false],
      ['8', 'to_be_redeclared', `${NAME}\n${NEW_NAME}`, false],
      ['9', 'abolished', `${NAME}\n${NEW_NAME}`, true],
    ]);
    for (const tables of [whole, split, tablesOf('_each')]) for (const table of Object.values(tables)) await sql`drop table ${sql.table(table)}`.execute(database.db);
  });
});
