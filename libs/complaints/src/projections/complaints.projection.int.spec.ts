import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import type { Database } from '@regledger/database';
import { createTestDatabase } from '@regledger/database/testing';
import { readModelRuntimeMigrations } from '@regledger/read-models';
import { PersonalDataVault, personalDataMigrations } from '@regledger/personal-data';
import { ProjectionSpec, recorded } from '@regledger/read-models/testing';
import type { Actor } from '@regledger/shared';
import { complaintStreamId, type ComplaintEvent } from '../domain/index.js';
import { GetComplaintHandler, GetComplaintQuery } from '../queries/get-complaint/get-complaint.query.js';
import { ComplaintQueueHandler, ComplaintQueueQuery } from '../queries/complaint-queue/complaint-queue.query.js';
import { complaintsProjection } from './complaints.projection.js';

const A = '0197a000-0000-7000-8000-00000000000a';
const B = '0197a000-0000-7000-8000-00000000000b';
const USCC = '914403001922038216';
const handler: Actor = { id: 'h', role: 'complaint_handler', jurisdiction: '440300' };
const inspector: Actor = { id: 'i', role: 'inspector', jurisdiction: '440300' };

const receivedEvent = (id: string, receivedOn: string, acceptanceDueOn: string, kind: 'complaint' | 'report' = 'complaint'): ComplaintEvent => ({
  type: 'ComplaintReceived',
  data: {
    complaintId: id,
    kind,
    channel: 'web',
    uscc: USCC,
    declarationId: null,
    product: { name: '空气净化器', model: 'KJ500F-A1' },
    facts: '不符',
    complainant: { name: '张三', phone: '13812345678', realName: true },
    harmKnownOn: null,
    jurisdiction: '440305',
    receivedOn,
    acceptanceDueOn,
    enterpriseRegistered: true,
    enterpriseName: '华为技术有限公司',
  },
});

const streamOf = (id: string, events: ComplaintEvent[]) => events.map((e, i) => recorded<unknown>(complaintStreamId(id), i, e));

describe('complaints projection', () => {
  let database: Database;
  let vault: PersonalDataVault;
  beforeAll(async () => {
    database = await createTestDatabase([...readModelRuntimeMigrations, ...personalDataMigrations]);
    vault = new PersonalDataVault(database.db, { subjectSecret: 'projection-test-secret' });
  });
  afterAll(async () => {
    await database.close();
  });

  it('given a complaint accepted, paused, resumed and a missed acceptance, when applied twice, then one row with the latest facts and next deadline', async () => {
    const events = streamOf(A, [
      receivedEvent(A, '2026-09-28', '2026-10-13'),
      { type: 'ComplaintDeadlineMissed', data: { complaintId: A, deadline: 'acceptance', dueOn: '2026-10-13', recordedOn: '2026-10-14', jurisdiction: '440305' } },
      { type: 'ComplaintAccepted', data: { complaintId: A, kind: 'complaint', acceptedOn: '2026-10-14', mediationEndsOn: '2026-12-15', verificationDueOn: null } },
      { type: 'TestingPaused', data: { complaintId: A, from: '2026-10-15', to: null, mediationEndsOn: null } },
      { type: 'TestingResumed', data: { complaintId: A, on: '2026-10-19', pausedFrom: '2026-10-15', pausedTo: '2026-10-18', mediationEndsOn: '2026-12-17' } },
    ]);
    await ProjectionSpec.for(complaintsProjection, database.db)
      .given(events)
      .then(async (db) => {
        const rows = await sql<Record<string, unknown>>`select complaint_id, status, version, next_deadline, to_char(next_due_on, 'YYYY-MM-DD') as next_due_on, pauses, missed from complaints`.execute(db);
        expect(rows.rows).toEqual([
          {
            complaint_id: A,
            status: 'accepted',
            version: 5,
            next_deadline: 'mediation_end',
            next_due_on: '2026-12-17',
            pauses: [{ from: '2026-10-15', to: '2026-10-18' }],
            missed: [{ deadline: 'acceptance', dueOn: '2026-10-13', recordedOn: '2026-10-14' }],
          },
        ]);
        const page = await new GetComplaintHandler(db, vault).execute(new GetComplaintQuery(A, handler, '2026-12-18'));
        expect(page).toMatchObject({ nextDeadline: { deadline: 'mediation_end', dueOn: '2026-12-17', overdue: true }, overdue: true, complainant: { name: '张三', masked: false } });
        expect(page.timeline.map((s) => [s.type, s.on])).toEqual([
          ['ComplaintReceived', '2026-09-28'],
          ['ComplaintDeadlineMissed', '2026-10-14'],
          ['ComplaintAccepted', '2026-10-14'],
          ['TestingPaused', '2026-10-15'],
          ['TestingResumed', '2026-10-19'],
        ]);
        const masked = await new GetComplaintHandler(db, vault).execute(new GetComplaintQuery(A, inspector, '2026-12-18'));
        expect(masked.complainant).toEqual({ name: '张*', phone: '138****5678', realName: true, masked: true });
      });
  });

  it('given two open items, when the queue is read on a date, then the overdue one comes first; a closed one is not queued', async () => {
    const events = [
      ...streamOf(A, [receivedEvent(A, '2026-10-20', '2026-10-29')]),
      ...streamOf(B, [
        receivedEvent(B, '2026-09-28', '2026-10-13', 'report'),
        { type: 'ComplaintRejected', data: { complaintId: B, reason: '不属于本部门管辖', rejectedOn: '2026-09-29' } },
      ]),
    ];
    await ProjectionSpec.for(complaintsProjection, database.db)
      .given(events)
      .then(async (db) => {
        const queue = await new ComplaintQueueHandler(db, vault).execute(new ComplaintQueueQuery(handler, '2026-10-30', { limit: 10, offset: 0 }));
        expect(queue.items.map((i) => [i.complaintId, i.overdue])).toEqual([[A, true]]);
        const row = await sql<{ next_due_on: string | null }>`select next_due_on from complaints where complaint_id = ${B}`.execute(db);
        expect(row.rows[0].next_due_on).toBeNull();
      });
  });

  it('given a v2 intake with the identity sealed, when read, then opened per reader; after PersonalDataErased the row holds only the erased marker, whoever reads it', async () => {
    const sealed = await vault.seal(vault.subjectOf('phone:13812345678'), { name: '王五', phone: '13812345678' });
    const v2 = receivedEvent(A, '2026-09-28', '2026-10-13');
    const data = { ...(v2.data as object), complainant: { realName: true, personalData: sealed } };
    const intake = recorded<unknown>(complaintStreamId(A), 0, { type: 'ComplaintReceived', data }, { schemaVersion: 2, storedSchemaVersion: 2 });
    const erased = await vault.erase(sealed.subjectId, { at: new Date('2026-10-01T00:00:00Z'), by: 'admin-1', reason: 'PIPL request 1' });
    const erasure = recorded<unknown>(`personal-data-${sealed.subjectId}`, 0, {
      type: 'PersonalDataErased',
      data: { subjectId: sealed.subjectId, keyIds: erased.allErasedKeyIds, erasedAt: '2026-10-01T00:00:00.000Z', reason: 'PIPL request 1' },
    });
    const textOf = async (db: typeof database.db): Promise<string> =>
      JSON.stringify((await sql<{ complainant: unknown }>`select complainant from complaints where complaint_id = ${A}`.execute(db)).rows[0].complainant);
    await ProjectionSpec.for(complaintsProjection, database.db)
      .given([intake])
      .then(async (db) => {
        const row = await textOf(db);
        expect(row).not.toContain('王五');
        expect(row).not.toContain('13812345678');
        expect(row).toContain(sealed.ct);
        // The key is erased already: the view says so instead of failing.
        const page = await new GetComplaintHandler(db, vault).execute(new GetComplaintQuery(A, handler, '2026-10-02'));
        expect(page.complainant).toEqual({ name: '[erased]', realName: true, masked: false, erased: true });
      });
    await ProjectionSpec.for(complaintsProjection, database.db)
      .given([intake, erasure])
      .then(async (db) => {
        const row = await textOf(db);
        expect(row).not.toContain(sealed.ct);
        expect(JSON.parse(row)).toEqual({ realName: true, personalData: { erased: true, subjectId: sealed.subjectId, keyId: sealed.keyId } });
        const masked = await new GetComplaintHandler(db, vault).execute(new GetComplaintQuery(A, inspector, '2026-10-02'));
        expect(masked.complainant).toEqual({ name: '[erased]', realName: true, masked: true, erased: true });
      });
  });
});
