import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import type { RecordedEvent } from '@regledger/event-store';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import type { EnterpriseDeregisteredData, EnterpriseRegisteredData, EnterpriseRenamedData } from '../domain/enterprise.events.js';
import { enterpriseStreamId } from '../domain/enterprise.events.js';
import { FindEnterprisesHandler } from '../queries/find-enterprises/find-enterprises.handler.js';
import { FindEnterprisesQuery, type EnterprisePage } from '../queries/find-enterprises/find-enterprises.query.js';
import { GetEnterpriseHandler } from '../queries/get-enterprise/get-enterprise.handler.js';
import { GetEnterpriseQuery } from '../queries/get-enterprise/get-enterprise.query.js';
import { enterprisesProjection } from './enterprises.projection.js';

const HUAWEI = '914403001922038216';
const FUZHOU = '91350100M000100Y43';

const registered = (uscc: string, name: string, over: Partial<EnterpriseRegisteredData> = {}, revision = 0): RecordedEvent<EnterpriseRegisteredData> =>
  recorded(enterpriseStreamId(uscc), revision, {
    type: 'EnterpriseRegistered',
    data: { uscc, name, jurisdiction: '440307', address: '深圳市龙岗区坂田', industry: '通信设备制造', registeredOn: '2024-01-02', ...over },
  });

const renamed = (uscc: string, revision: number, previousName: string, newName: string, effectiveDate: string): RecordedEvent<EnterpriseRenamedData> =>
  recorded(enterpriseStreamId(uscc), revision, {
    type: 'EnterpriseRenamed',
    data: { uscc, previousName, newName, effectiveDate, jurisdiction: '440307' },
  });

const deregistered = (uscc: string, revision: number, effectiveDate: string, reason: string): RecordedEvent<EnterpriseDeregisteredData> =>
  recorded(enterpriseStreamId(uscc), revision, { type: 'EnterpriseDeregistered', data: { uscc, effectiveDate, reason } });

interface Row {
  uscc: string;
  name: string;
  former_names: { name: string; until: string }[];
  search_text: string;
  jurisdiction: string;
  address: string;
  industry: string;
  status: string;
  registered_on: string;
  deregistered_on: string | null;
  deregistration_reason: string | null;
  stream_revision: string;
}

const rowOf = async (db: Database['db'], uscc: string): Promise<Row | undefined> => {
  const r = await sql<Row>`
    select uscc, name, former_names, search_text, jurisdiction, address, industry, status,
           to_char(registered_on, 'YYYY-MM-DD') as registered_on, to_char(deregistered_on, 'YYYY-MM-DD') as deregistered_on,
           deregistration_reason, stream_revision::text as stream_revision
    from enterprises where uscc = ${uscc}`.execute(db);
  return r.rows[0];
};

const search = (db: Database['db'], q: string, extra: { jurisdiction?: string; status?: 'registered' | 'deregistered' } = {}): Promise<EnterprisePage> =>
  new FindEnterprisesHandler(db).execute(new FindEnterprisesQuery({ q, ...extra, limit: 20, offset: 0 }));

describe('enterprises projection', () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(readModelRuntimeMigrations);
  });

  afterAll(async () => {
    await database?.close();
  });

  it('declares its table, the events it handles and a version', () => {
    expect(enterprisesProjection.name).toBe('enterprises');
    expect(enterprisesProjection.tables).toEqual(['enterprises']);
    expect([...enterprisesProjection.handles].sort()).toEqual(['EnterpriseDeregistered', 'EnterpriseRegistered', 'EnterpriseRenamed']);
    expect(enterprisesProjection.version).toBeGreaterThanOrEqual(1);
  });

  it('registered: one row with every field, status registered, revision 0 and no former names', async () => {
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([registered(HUAWEI, '华为技术有限公司')])
      .then(async (db) => {
        expect(await rowOf(db, HUAWEI)).toEqual({
          uscc: HUAWEI,
          name: '华为技术有限公司',
          former_names: [],
          search_text: '华为技术有限公司',
          jurisdiction: '440307',
          address: '深圳市龙岗区坂田',
          industry: '通信设备制造',
          status: 'registered',
          registered_on: '2024-01-02',
          deregistered_on: null,
          deregistration_reason: null,
          stream_revision: '0',
        });
        const view = await new GetEnterpriseHandler(db).execute(new GetEnterpriseQuery(HUAWEI.toLowerCase()));
        expect(view).toMatchObject({
          uscc: HUAWEI,
          name: '华为技术有限公司',
          formerNames: [],
          status: 'registered',
          registeredOn: '2024-01-02',
          deregisteredOn: null,
          revision: '0',
        });
      });
  });

  it('events of types it does not handle are skipped', async () => {
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([registered(HUAWEI, '华为技术有限公司'), recorded('declaration-x', 0, { type: 'DeclarationPublished', data: { uscc: HUAWEI } })])
      .then(async (db) => {
        const n = await sql<{ n: string }>`select count(*)::text as n from enterprises`.execute(db);
        expect(n.rows[0].n).toBe('1');
      });
  });

  it('renamed twice: the current name is the latest, former names are kept oldest first, every name is searchable', async () => {
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([
        registered(HUAWEI, '深圳市华为技术有限公司'),
        renamed(HUAWEI, 1, '深圳市华为技术有限公司', '华为技术有限公司', '2024-03-01'),
        renamed(HUAWEI, 2, '华为技术有限公司', 'Huawei Technologies Co., Ltd.', '2024-09-15'),
        registered(FUZHOU, '福州示例有限公司', { jurisdiction: '350100' }),
      ])
      .then(async (db) => {
        const row = await rowOf(db, HUAWEI);
        expect(row).toMatchObject({
          name: 'Huawei Technologies Co., Ltd.',
          former_names: [
            { name: '深圳市华为技术有限公司', until: '2024-03-01' },
            { name: '华为技术有限公司', until: '2024-09-15' },
          ],
          status: 'registered',
          stream_revision: '2',
        });

        for (const q of ['深圳市华为', '华为技术有限公司', 'huawei technologies', 'HUAWEI', '  Huawei   Technologies ', '技术']) {
          const page = await search(db, q);
          expect({ q, usccs: page.items.map((i) => i.uscc), total: page.total }).toEqual({ q, usccs: [HUAWEI], total: 1 });
        }
        const byFormer = await search(db, '深圳市华为');
        expect(byFormer.items[0]).toMatchObject({
          name: 'Huawei Technologies Co., Ltd.',
          formerNames: [
            { name: '深圳市华为技术有限公司', until: '2024-03-01' },
            { name: '华为技术有限公司', until: '2024-09-15' },
          ],
          revision: '2',
        });
        expect((await search(db, '9144030019')).items.map((i) => i.uscc)).toEqual([HUAWEI]);
        expect((await search(db, '福州')).items.map((i) => i.uscc)).toEqual([FUZHOU]);
        expect((await search(db, '有限公司')).total).toBe(2);
        expect((await search(db, '有限公司', { jurisdiction: '440000' })).items.map((i) => i.uscc)).toEqual([HUAWEI]);
        expect((await search(db, '有限公司', { jurisdiction: '350000' })).items.map((i) => i.uscc)).toEqual([FUZHOU]);
        expect((await search(db, '不存在的名字')).total).toBe(0);
      });
  });

  it('deregistered: status, date and reason are recorded, the names stay searchable', async () => {
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([
        registered(HUAWEI, '华为技术有限公司'),
        renamed(HUAWEI, 1, '华为技术有限公司', '华为终端有限公司', '2024-03-01'),
        deregistered(HUAWEI, 2, '2024-06-30', '营业执照注销'),
        registered(FUZHOU, '福州示例有限公司', { jurisdiction: '350100' }),
      ])
      .then(async (db) => {
        expect(await rowOf(db, HUAWEI)).toMatchObject({
          name: '华为终端有限公司',
          former_names: [{ name: '华为技术有限公司', until: '2024-03-01' }],
          status: 'deregistered',
          registered_on: '2024-01-02',
          deregistered_on: '2024-06-30',
          deregistration_reason: '营业执照注销',
          stream_revision: '2',
        });
        expect((await rowOf(db, FUZHOU))?.status).toBe('registered');
        expect((await search(db, '华为技术')).items.map((i) => [i.uscc, i.status, i.deregisteredOn])).toEqual([[HUAWEI, 'deregistered', '2024-06-30']]);
        expect((await search(db, '有限公司', { status: 'deregistered' })).items.map((i) => i.uscc)).toEqual([HUAWEI]);
        expect((await search(db, '有限公司', { status: 'registered' })).items.map((i) => i.uscc)).toEqual([FUZHOU]);
      });
  });

  it('an older revision delivered after a newer one is ignored', async () => {
    const register = registered(HUAWEI, '名称甲有限公司');
    const first = renamed(HUAWEI, 1, '名称甲有限公司', '名称乙有限公司', '2024-02-01');
    const second = renamed(HUAWEI, 2, '名称乙有限公司', '名称丙有限公司', '2024-03-01');
    const closed = deregistered(HUAWEI, 3, '2024-04-01', '迁出');
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([register, first, second, first, register, closed, second, first])
      .then(async (db) => {
        expect(await rowOf(db, HUAWEI)).toMatchObject({
          name: '名称丙有限公司',
          former_names: [
            { name: '名称甲有限公司', until: '2024-02-01' },
            { name: '名称乙有限公司', until: '2024-03-01' },
          ],
          search_text: ['名称甲有限公司', '名称乙有限公司', '名称丙有限公司'].join('\n'),
          status: 'deregistered',
          deregistered_on: '2024-04-01',
          deregistration_reason: '迁出',
          stream_revision: '3',
        });
      });
  });

  it('a rename replayed after it was already applied leaves one entry per former name', async () => {
    const rename = renamed(HUAWEI, 1, '华为技术有限公司', '华为终端有限公司', '2024-03-01');
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([registered(HUAWEI, '华为技术有限公司'), rename, rename])
      .then(async (db) => {
        const row = await rowOf(db, HUAWEI);
        expect(row?.former_names).toEqual([{ name: '华为技术有限公司', until: '2024-03-01' }]);
        expect(row?.search_text).toBe('华为技术有限公司\n华为终端有限公司');
        expect(row?.stream_revision).toBe('1');
      });
  });

  it('a registration replayed after a rename does not bring the old name back', async () => {
    const register = registered(HUAWEI, '华为技术有限公司');
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([register, renamed(HUAWEI, 1, '华为技术有限公司', '华为终端有限公司', '2024-03-01'), register])
      .then(async (db) => {
        expect(await rowOf(db, HUAWEI)).toMatchObject({ name: '华为终端有限公司', status: 'registered', stream_revision: '1' });
      });
  });

  it('search treats % and _ in the query as themselves', async () => {
    await ProjectionSpec.for(enterprisesProjection, database.db)
      .given([
        registered(HUAWEI, '百分之百%有限公司'),
        registered(FUZHOU, '下划线_有限公司', { jurisdiction: '350100' }),
        registered('91440307MA5D00001A', '普通有限公司'),
      ])
      .then(async (db) => {
        expect((await search(db, '%')).items.map((i) => i.uscc)).toEqual([HUAWEI]);
        expect((await search(db, '_')).items.map((i) => i.uscc)).toEqual([FUZHOU]);
        expect((await search(db, '百%有')).items.map((i) => i.uscc)).toEqual([HUAWEI]);
        expect((await search(db, '有限公司')).total).toBe(3);
      });
  });
});
