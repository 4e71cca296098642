import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sql } from 'kysely';
import { awaitReadable, seal } from '@regledger/event-store';
import { makeErasePersonalDataCommand } from '../apps/cli/src/commands/erase-personal-data.command.js';
import { cli } from './support/cli-run.js';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { expectError, fieldsOf, refusedOn, uscc } from './support/http-expectations.js';

/** The API runs at this instant (then at the real pace), so deadlines stay inside the official calendar. */
const clock = clockFrom('2026-11-16T02:00:00Z');

type Json = Record<string, unknown>;

const ENTERPRISE = uscc('440305', 'MA5C00091');
const ZHANG = { name: '张三', idNumber: '440305199001011234', phone: '13812345678', email: 'zhang.san@example.com', realName: true };
const CLEAR = [ZHANG.name, ZHANG.idNumber, ZHANG.phone, ZHANG.email];

const intake = (complainant: Json, over: Json = {}): Json => ({
  kind: 'report',
  channel: 'web',
  uscc: ENTERPRISE,
  facts: '声明的企业标准与产品不符',
  complainant,
  receivedOn: '2026-11-02',
  jurisdiction: '440305',
  ...over,
});

describe('personal data of complainants and reporters: sealed per person, erasable, masked, every read recorded', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const handler = () => t.as('complaint_handler', '440300', { sub: 'handler-7' });
  const admin = () => t.as('admin', '000000', { sub: 'dpo-1' });
  const erase = (body: Json, auth = admin()) => t.http.post('/personal-data/erasures').set(auth).send(body);
  const receive = async (body: Json): Promise<string> => {
    const res = await t.http.post('/complaints').set(handler()).send(body);
    expect(res.status).toBe(201);
    return res.body.complaintId as string;
  };
  const rawIntake = async (complaintId: string): Promise<{ text: string; schemaVersion: number; data: Json }> => {
    const r = await sql<{ data: Json; schema_version: number }>`select data, schema_version from es_events
      where stream_id = ${`complaint-${complaintId}`} and type = 'ComplaintReceived'`.execute(t.engine.database.db);
    return { text: JSON.stringify(r.rows[0].data), schemaVersion: Number(r.rows[0].schema_version), data: r.rows[0].data };
  };
  const sealedOf = async (complaintId: string): Promise<{ subjectId: string; keyId: string; ct: string }> =>
    ((await rawIntake(complaintId)).data.complainant as { personalData: { subjectId: string; keyId: string; ct: string } }).personalData;
  const readModelRow = async (complaintId: string): Promise<string> =>
    JSON.stringify((await sql<{ complainant: unknown }>`select complainant from complaints where complaint_id = ${complaintId}`.execute(t.engine.database.db)).rows[0].complainant);
  const complainantAs = async (complaintId: string, auth: { Authorization: string }): Promise<Json> => {
    const res = await t.http.get(`/complaints/${complaintId}`).set(auth);
    expect(res.status).toBe(200);
    return res.body.complainant as Json;
  };

  let first: string;
  let second: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    const res = await t.http.post('/enterprises').set(admin()).send({
      uscc: ENTERPRISE,
      name: '深圳市声明电器有限公司',
      jurisdiction: '440305',
      address: '广东省深圳市南山区科技园',
      industry: '家用电器制造业',
    });
    expect(res.status).toBe(201);
    first = await receive(intake(ZHANG));
    // The same person again, the identity number written another way and another phone: one subject, one key.
    second = await receive(intake({ name: '张三', idNumber: '44030519900101123 4'.replace(' ', ''), phone: '+86 139 0000 0000', realName: true }, { kind: 'complaint', harmKnownOn: '2026-10-30' }));
    other = await receive(intake({ name: '王小明', phone: '13700000000', realName: false }));
    await t.settled();
    // Sealed into hash-chained blocks before any erasure: verification afterwards re-checks them.
    await awaitReadable(t.engine.store);
    expect((await seal(t.engine.store, t.engine.database.db)).eventsSealed).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the log holds the identity only sealed (ComplaintReceived v2): no name, number, phone or e-mail in the event, nor in the read model', async () => {
    const raw = await rawIntake(first);
    expect(raw.schemaVersion).toBe(2);
    for (const clear of CLEAR) expect(raw.text).not.toContain(clear);
    expect(raw.data.complainant).toEqual({ realName: true, personalData: expect.objectContaining({ v: 1, alg: 'aes-256-gcm', subjectId: expect.stringMatching(/^pd-[0-9a-f]{32}$/) }) });
    const row = await readModelRow(first);
    for (const clear of CLEAR) expect(row).not.toContain(clear);
    const all = await sql<{ n: string }>`select count(*)::text as n from es_events where data::text like ${'%440305199001011234%'} or data::text like ${'%13812345678%'}`.execute(t.engine.database.db);
    expect(all.rows[0].n).toBe('0');
    // One person, one subject and one key; another person another.
    const [a, b, c] = [await sealedOf(first), await sealedOf(second), await sealedOf(other)];
    expect([b.subjectId, b.keyId]).toEqual([a.subjectId, a.keyId]);
    expect(c.subjectId).not.toBe(a.subjectId);
    // The key is held apart from the log, in its own schema.
    const key = await sql<{ subject_id: string }>`select subject_id from personal_data.keys where key_id = ${a.keyId}`.execute(t.engine.database.db);
    expect(key.rows).toEqual([{ subject_id: a.subjectId }]);
  });

  it('the handler reads the identity opened, and the read is recorded; an inspector reads it masked, unrecorded', async () => {
    const before = await t.eventCount(`complainant-reads-${first}`);
    expect(await complainantAs(first, handler())).toEqual({ ...ZHANG, masked: false });
    expect(await t.eventCount(`complainant-reads-${first}`)).toBe(before + 1);
    expect(await complainantAs(first, t.as('inspector', '440300'))).toEqual({ name: '张*', idNumber: '4****************4', phone: '138****5678', email: 'z***@example.com', realName: true, masked: true });
    expect(await t.eventCount(`complainant-reads-${first}`)).toBe(before + 1);
  });

  it('the erasure route: admin only, exactly one of complaint and identity, a reason, a known person', async () => {
    expectError(await refused(() => erase({ complaintId: first, reason: 'PIPL' }, handler())), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    expectError(await refused(() => erase({ complaintId: first, reason: 'PIPL' }, t.as('supervisor', '440000'))), 403, 'ACCESS.ROLE_NOT_ALLOWED');
    const both = await refused(() => erase({ complaintId: first, identity: { phone: ZHANG.phone }, reason: 'PIPL' }));
    expectError(both, 400, 'PERSONAL_DATA.VALIDATION_FAILED');
    expect(fieldsOf(both)).toEqual(['identity']);
    expect(fieldsOf(await refused(() => erase({ reason: 'PIPL' })))).toEqual(['complaintId']);
    expect(fieldsOf(await refused(() => erase({ identity: { phone: ZHANG.phone }, reason: '   ' })))).toEqual(['reason']);
    expect(fieldsOf(await refused(() => erase({ identity: {}, reason: 'PIPL' })))).toEqual(['identity']);
    expectError(await refused(() => erase({ identity: { idNumber: '110101199912310000' }, reason: 'PIPL' })), 404, 'PERSONAL_DATA.SUBJECT_NOT_FOUND');
    expectError(await refused(() => erase({ complaintId: '0197a000-0000-7000-8000-0000000000ff', reason: 'PIPL' })), 404, 'COMPLAINT.NOT_FOUND');
  });

  it('erasing one complaint erases the person: both complaints read as erased for everyone, the read model keeps neither plaintext nor ciphertext, nothing is recorded as read; the other person is untouched', async () => {
    const a = await sealedOf(first);
    const res = await erase({ complaintId: second, reason: 'PIPL request 2026-0042' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subjectId: a.subjectId, erasedKeyIds: [a.keyId], keyIds: [a.keyId], recorded: true, streamId: `personal-data-${a.subjectId}` });
    expect(res.body.events.map((e: Json) => e.type)).toEqual(['PersonalDataErased']);
    const recorded = await sql<{ data: Json; metadata: Json }>`select data, metadata from es_events where stream_id = ${`personal-data-${a.subjectId}`}`.execute(t.engine.database.db);
    expect(recorded.rows.map((r) => r.data)).toEqual([{ subjectId: a.subjectId, keyIds: [a.keyId], erasedAt: expect.any(String), reason: 'PIPL request 2026-0042' }]);
    expect(recorded.rows[0].metadata).toMatchObject({ actorId: 'dpo-1', actorRole: 'admin' });
    await t.settled();

    const readsBefore = await t.eventCount('complainant-reads-');
    for (const id of [first, second]) {
      expect(await complainantAs(id, handler())).toEqual({ name: '[erased]', realName: true, masked: false, erased: true });
      expect(await complainantAs(id, t.as('inspector', '440300'))).toEqual({ name: '[erased]', realName: true, masked: true, erased: true });
      const row = await readModelRow(id);
      for (const clear of CLEAR) expect(row).not.toContain(clear);
      expect(row).not.toContain(a.ct);
      expect(JSON.parse(row)).toEqual({ realName: true, personalData: { erased: true, subjectId: a.subjectId, keyId: a.keyId } });
    }
    const list = await t.http.get(`/complaints?uscc=${ENTERPRISE}`).set(handler());
    expect(list.status).toBe(200);
    const names = Object.fromEntries((list.body.items as Json[]).map((i) => [i.complaintId, (i.complainant as Json).name]));
    expect(names).toEqual({ [first]: '[erased]', [second]: '[erased]', [other]: '王小明' });
    // Only the other person's identity was shown (in the list): one read recorded, none for the erased ones.
    expect(await t.eventCount('complainant-reads-')).toBe(readsBefore + 1);
    expect(await t.eventCount(`complainant-reads-${other}`)).toBe(1);
    // The event is still in the log, byte for byte: only its key is gone.
    expect((await sealedOf(first)).ct).toBe(a.ct);
  });

  it('erasing again erases and records nothing; by identity it finds the same person', async () => {
    const before = await t.eventCount();
    const again = await erase({ identity: { idNumber: ZHANG.idNumber }, reason: 'PIPL request 2026-0042' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ erasedKeyIds: [], recorded: false, events: [] });
    expect(await t.eventCount()).toBe(before);
  });

  it('the log stays intact and verifiable: verify passes after the erasure', async () => {
    const res = await t.http.get('/audit/verify').set(t.as('analyst', '440000'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, firstFailure: null });
    expect(res.body.blocksChecked).toBeGreaterThan(0);
  });

  it('the audit replay shows the erased complainant as erased and another one masked; the erasure stream folds to its keys', async () => {
    const analyst = t.as('analyst', '440000');
    const replay = await t.http.get(`/audit/streams/complaint-${first}`).set(analyst);
    expect(replay.status).toBe(200);
    expect(replay.body.events[0].data.complainant).toEqual({ name: '[erased]', realName: true, masked: true, erased: true });
    expect(replay.body.state.complainant).toEqual({ name: '[erased]', realName: true, masked: true, erased: true });
    const shown = await t.http.get(`/audit/streams/complaint-${other}`).set(analyst);
    expect(shown.body.events[0].data.complainant).toEqual({ name: '王**', phone: '137****0000', realName: false, masked: true });
    const subject = (await sealedOf(first)).subjectId;
    const erasures = await t.http.get(`/audit/streams/personal-data-${subject}`).set(analyst);
    expect(erasures.body.kind).toMatchObject({ context: 'complaints', prefix: 'personal-data-' });
    expect(erasures.body.state).toEqual({ subjectId: subject, erasedKeyIds: [(await sealedOf(first)).keyId], erasures: 1 });
  });

  it('a rebuild of the complaints read model from the log gives the same rows', async () => {
    const rows = async (): Promise<unknown[]> =>
      (await sql`select complaint_id, complainant::text as complainant, status, version from complaints order by complaint_id`.execute(t.engine.database.db)).rows;
    const before = await rows();
    await t.projections.rebuild('complaints');
    await t.settled();
    expect(await rows()).toEqual(before);
  });

  it('the erased person coming back gets a new key, readable; a second erasure by identity erases only that one', async () => {
    const old = await sealedOf(first);
    const back = await receive(intake({ name: '张三', idNumber: ZHANG.idNumber, realName: true }));
    const sealed = await sealedOf(back);
    expect(sealed.subjectId).toBe(old.subjectId);
    expect(sealed.keyId).not.toBe(old.keyId);
    await t.settled();
    expect(await complainantAs(back, handler())).toEqual({ name: '张三', idNumber: ZHANG.idNumber, realName: true, masked: false });
    const res = await erase({ identity: { idNumber: ZHANG.idNumber }, reason: 'PIPL request 2026-0043' });
    expect(res.body).toMatchObject({ erasedKeyIds: [sealed.keyId], keyIds: [old.keyId, sealed.keyId], recorded: true });
    await t.settled();
    expect((await complainantAs(back, handler())).erased).toBe(true);
  });

  it('an intake recorded in clear before sealing (v1) still reads as recorded; erasing it is refused as not sealed', async () => {
    const id = '0197a000-0000-7000-8000-0000000000a1';
    await t.engine.store.appendToStream(
      `complaint-${id}`,
      [
        {
          type: 'ComplaintReceived',
          schemaVersion: 1,
          data: {
            complaintId: id,
            kind: 'complaint',
            channel: 'letter',
            uscc: ENTERPRISE,
            declarationId: null,
            product: null,
            facts: '旧记录',
            complainant: { name: '赵六', phone: '13600000000', realName: true },
            harmKnownOn: null,
            jurisdiction: '440305',
            receivedOn: '2026-09-01',
            acceptanceDueOn: '2026-09-10',
            enterpriseRegistered: true,
            enterpriseName: '深圳市声明电器有限公司',
          },
          metadata: { actorId: 'handler-7', actorRole: 'complaint_handler', jurisdiction: '440300', correlationId: 'v1-intake', causationId: null, idempotencyKey: null, reason: null },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await t.settled();
    expect(await complainantAs(id, handler())).toEqual({ name: '赵六', phone: '13600000000', realName: true, masked: false });
    expect(await complainantAs(id, t.as('analyst', '440000'))).toEqual({ name: '赵*', phone: '136****0000', realName: true, masked: true });
    expectError(await refused(() => erase({ complaintId: id, reason: 'PIPL request 2026-0044' })), 422, 'PERSONAL_DATA.NOT_SEALED');
  });

  it('regledger erase-personal-data erases by phone from the command line; --reapply erases again a key restored from an old backup', async () => {
    const engine = { ...t.engine, close: () => Promise.resolve() };
    const command = makeErasePersonalDataCommand(() => Promise.resolve(engine));
    const sealed = await sealedOf(other);
    const run = async (values: Record<string, string | boolean>): Promise<{ code: number; out: string }> => {
      let out = '';
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string) => {
        out += chunk;
        return true;
      }) as never);
      try {
        return { code: await command.run({ values, positionals: [] }), out };
      } finally {
        write.mockRestore();
      }
    };
    await expect(run({ phone: '13700000000' })).rejects.toThrow('--reason is required');
    const erased = await run({ phone: '137 0000 0000', reason: 'PIPL request 2026-0050', actor: 'dpo-2', json: true });
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.out)).toMatchObject({ subjectId: sealed.subjectId, erasedKeyIds: [sealed.keyId], recorded: [{ type: 'PersonalDataErased' }] });
    await t.settled();
    expect(await complainantAs(other, handler())).toMatchObject({ name: '[erased]', erased: true });

    // A restore from a backup taken before the erasure brings the key back; --reapply erases it again from the log's record.
    await sql`update personal_data.keys set key = ${Buffer.alloc(32, 1).toString('base64')}, erased_at = null, erased_by = null, erasure_reason = null
      where key_id = ${sealed.keyId}`.execute(t.engine.database.db);
    const reapplied = await run({ reapply: true, json: true });
    expect(reapplied.code).toBe(0);
    expect(JSON.parse(reapplied.out)).toEqual({ erasures: 3, keysErasedAgain: [sealed.keyId] });
    const key = await sql<{ key: string | null }>`select key from personal_data.keys where key_id = ${sealed.keyId}`.execute(t.engine.database.db);
    expect(key.rows[0].key).toBeNull();
  });

  it('regledger erase-personal-data --help names its options', async () => {
    const help = await cli({}, ['erase-personal-data', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--complaint', '--id-number', '--phone', '--email', '--reason', '--reapply']) expect(help.stdout).toContain(option);
  });
});
