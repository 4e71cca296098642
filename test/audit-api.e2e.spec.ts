import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { CorrelationTrace, TraceNode } from '@regledger/audit';
import { parse, type CliCommand } from '../apps/cli/src/cli-kit.js';
import { revealingReader } from '@regledger/personal-data';
import { replayCommandWith, type AuditSource } from '../apps/cli/src/commands/replay.command.js';
import { traceCommandWith } from '../apps/cli/src/commands/trace.command.js';
import { CONTEXTS } from '../apps/api/src/contexts.js';
import { clockFrom, startTestApp, type TestApp } from './support/test-app.js';
import { addDays, chinaDate, expectError, fieldsOf, uscc } from './support/http-expectations.js';

/**
 * The analyst's audit over HTTP and the command line, on one chain: a report escalated to a targeted inspection
 * that fails, which opens a non-compliance matter, which records a credit entry. The handler's and inspectors'
 * requests carry the chain's X-Correlation-Id; the policies carry it on.
 */

/** A Monday inside the official working-day calendar; the clock then runs at the real pace. */
const clock = clockFrom('2026-03-02T02:00:00Z');
const today = (): string => chinaDate(clock());

type Json = Record<string, unknown>;
const ENTERPRISE = uscc('440106', 'MA5AU0001');
const PRODUCT = { name: '电热水壶', model: 'KT-1701' };
const MASKED = { name: '李*', idNumber: '4****************1', phone: '139****0000', realName: true, masked: true };
const CHAIN = `complaint-chain-${randomUUID()}`;

/** The path of event types from a root down to the first node of `type`, or null. */
const pathTo = (nodes: readonly TraceNode[], type: string): string[] | null => {
  for (const n of nodes) {
    if (n.event.type === type) return [type];
    const below = pathTo(n.children, type);
    if (below) return [n.event.type, ...below];
  }
  return null;
};

/** Runs a command in-process, as `regledger <argv>` would, and returns its exit code and what it printed on stdout. */
const runCommand = async (command: CliCommand, argv: string[]): Promise<{ code: number; stdout: string }> => {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    const code = await command.run(parse(command, argv));
    return { code, stdout: chunks.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
};

describe('audit API and commands: replay, trace, search, verify, recorded complainant reads', () => {
  let t: TestApp;
  let complaintId = '';
  let inspectionId = '';
  let asOfBetween = '';
  const handler = () => ({ ...t.as('complaint_handler', '440100', { sub: 'handler-07' }), 'X-Correlation-Id': CHAIN });
  const supervisor = () => ({ ...t.as('supervisor', '440100'), 'X-Correlation-Id': CHAIN });
  const inspector = (id: string) => ({ ...t.as('inspector', '440100', { sub: id }), 'X-Correlation-Id': CHAIN });
  const analyst = () => t.as('analyst', '440000');
  const ok = (res: { status: number; body: unknown }, status = 200): Json => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  /** The same storage the API writes, as the audit commands read it. */
  const source = (): Promise<AuditSource> => Promise.resolve({ store: revealingReader(t.engine.store, t.engine.personalData), contexts: CONTEXTS, close: () => Promise.resolve() });

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULE_INTERVAL_MS: '0' }, { clock });
    const admin = t.as('admin', '000000');
    ok(await t.http.post('/enterprises').set(admin).send({ uscc: ENTERPRISE, name: '广州某电器有限公司', jurisdiction: '440106', address: '广州市海珠区', industry: '家用电器制造业' }), 201);
    ok(
      await t.http
        .post('/declarations')
        .set(t.as('enterprise', '440106', { uscc: ENTERPRISE, sub: 'user-e' }))
        .send({
          uscc: ENTERPRISE,
          content: {
            standard: { kind: 'enterprise', number: 'Q/AU 001-2026', title: '电热水壶企业标准', mandatory: false, issuedOn: addDays(today(), -5) },
            products: [{ ...PRODUCT, category: 'kitchen_appliance' }],
            indicators: [{ name: '额定功率', type: 'performance', value: '≤1800', unit: 'W', testMethod: 'GB 4706.1-2005' }],
            fullTextDisclosed: false,
            firstSaleOn: null,
            belowRecommended: { flagged: false, referenceStandard: null, explanation: null },
          },
        }),
      201,
    );
    for (const id of ['GZ-01', 'GZ-02']) ok(await t.http.post('/inspectors').set(t.as('supervisor', '440100')).send({ inspectorId: id, name: id, jurisdiction: '440100', qualifications: [] }), 201);
    await t.settled();

    // The chain: a real-name report, accepted and escalated; the targeted inspection it opens fails.
    const received = ok(
      await t.http
        .post('/complaints')
        .set(handler())
        .send({
          kind: 'report',
          channel: '12315_hotline',
          uscc: ENTERPRISE,
          product: PRODUCT,
          facts: '额定功率超过声明的企业标准',
          complainant: { name: '李四', idNumber: '440106198001011231', phone: '13900000000', realName: true },
          receivedOn: today(),
          jurisdiction: '440106',
        }),
      201,
    );
    complaintId = received.complaintId as string;
    const receivedAt = (await t.engine.store.readStream(`complaint-${complaintId}`))[0].recordedAt.getTime();
    ok(await t.http.post(`/complaints/${complaintId}/accept`).set(handler()).send({}));
    const acceptedAt = (await t.engine.store.readStream(`complaint-${complaintId}`))[1].recordedAt.getTime();
    // The store records instants to the millisecond: `asOf` at the intake's own instant keeps it ("at or before") and leaves out the acceptance.
    expect(acceptedAt).toBeGreaterThan(receivedAt);
    asOfBetween = new Date(receivedAt).toISOString();
    ok(await t.http.post(`/complaints/${complaintId}/escalate`).set(handler()).send({ reason: '涉嫌额定功率不符合声明标准' }));
    await t.settled();
    const tasks = ok(await t.http.get('/inspections').query({ uscc: ENTERPRISE, limit: 100 }).set(t.as('supervisor', '440100')));
    const items = tasks.items as { inspectionId: string }[];
    expect(items).toHaveLength(1);
    inspectionId = items[0].inspectionId;
    ok(await t.http.post(`/inspections/${inspectionId}/assign`).set(supervisor()).send({ inspectorIds: ['GZ-01', 'GZ-02'] }));
    ok(await t.http.post(`/inspections/${inspectionId}/start`).set(inspector('GZ-01')).send({}));
    ok(
      await t.http
        .post(`/inspections/${inspectionId}/findings`)
        .set(inspector('GZ-01'))
        .send({ findings: [{ indicator: '额定功率', declaredValue: '≤1800', measuredValue: '1950', unit: 'W', testMethod: 'GB 4706.1-2005', conforming: false }] }),
    );
    ok(await t.http.post(`/inspections/${inspectionId}/complete`).set(inspector('GZ-02')).send({ outcome: 'non_conforming', productionDate: today() }));
    await t.settled();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('GET /audit/trace/:correlationId shows complaint → inspection → matter → credit entry as one tree across contexts', async () => {
    const trace = ok(await t.http.get(`/audit/trace/${CHAIN}`).set(analyst())) as unknown as CorrelationTrace;
    expect(trace.contexts).toEqual(expect.arrayContaining(['complaints', 'inspections', 'enforcement', 'credit']));
    expect(trace.roots.map((r) => r.event.type)).toEqual(['ComplaintReceived']);
    expect(pathTo(trace.roots, 'CreditEntryRecorded')).toEqual(['ComplaintReceived', 'ComplaintEscalated', 'InspectionOpened', 'InspectionCompleted', 'MatterOpened', 'CreditEntryRecorded']);
    const node = (nodes: readonly TraceNode[], type: string): TraceNode => {
      for (const n of nodes) {
        if (n.event.type === type) return n;
        const found = n.children.length ? node(n.children, type) : undefined;
        if (found) return found;
      }
      return undefined as unknown as TraceNode;
    };
    const opened = node(trace.roots, 'InspectionOpened');
    expect(opened).toMatchObject({ link: 'causation', event: { streamId: `inspection-task-${inspectionId}`, actor: 'system:inspections.targeted-on-escalation', role: 'system', context: 'inspections' } });
    expect(opened.event.causationId).toBe(node(trace.roots, 'ComplaintEscalated').event.eventId);
    expect(opened.children.map((c) => [c.event.type, c.link])).toEqual(expect.arrayContaining([['InspectionCompleted', 'stream']]));
    // The intake's complainant is masked in the trace too.
    expect((trace.roots[0].event.data as Json).complainant).toEqual(MASKED);
    expect(JSON.stringify(trace)).not.toContain('李四');
  });

  it('GET /audit/streams/complaint-<id>?asOf= stops at that time and shows the state with the complainant masked, as for an analyst', async () => {
    const full = ok(await t.http.get(`/audit/streams/complaint-${complaintId}`).set(analyst()));
    expect((full.events as Json[]).map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAccepted', 'ComplaintEscalated']);
    const cut = ok(await t.http.get(`/audit/streams/complaint-${complaintId}`).query({ asOf: asOfBetween }).set(analyst()));
    expect(cut).toMatchObject({ streamId: `complaint-${complaintId}`, asOf: asOfBetween, latestRevision: '2', kind: { context: 'complaints', prefix: 'complaint-' } });
    const events = cut.events as Json[];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ComplaintReceived', actor: 'handler-07', role: 'complaint_handler', correlationId: CHAIN, causationId: null, revision: '0' });
    expect(events[0].stateAfter).toMatchObject({ status: 'received', complaintId, complainant: MASKED });
    expect((events[0].data as Json).complainant).toEqual(MASKED);
    expect(cut.state).toEqual(events[0].stateAfter);
    // Admin reads the audit masked too: the audit API never serves an identity.
    expect(JSON.stringify(ok(await t.http.get(`/audit/streams/complaint-${complaintId}`).set(t.as('admin', '000000'))))).not.toContain('13900000000');
    const byPosition = ok(await t.http.get(`/audit/streams/complaint-${complaintId}`).query({ position: '1' }).set(analyst()));
    expect((byPosition.events as Json[]).map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAccepted']);
  });

  it('GET /audit/events finds events by type and enterprise, paged; GET /audit/verify summarises the check', async () => {
    const first = ok(await t.http.get('/audit/events').query({ uscc: ENTERPRISE, type: 'InspectionOpened,MatterOpened,CreditEntryRecorded', limit: 2 }).set(analyst()));
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
    const second = ok(await t.http.get('/audit/events').query({ uscc: ENTERPRISE, type: 'InspectionOpened,MatterOpened,CreditEntryRecorded', limit: 2, offset: 2 }).set(analyst()));
    expect([...(first.items as Json[]), ...(second.items as Json[])].map((e) => e.type)).toEqual(['InspectionOpened', 'MatterOpened', 'CreditEntryRecorded']);
    const byActor = ok(await t.http.get('/audit/events').query({ actor: 'handler-07', from: '2000-01-01', to: '2999-01-01' }).set(analyst()));
    expect((byActor.items as Json[]).map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAccepted', 'ComplaintEscalated']);
    const verify = ok(await t.http.get('/audit/verify').set(analyst()));
    expect(verify).toMatchObject({ ok: true, firstFailure: null, eventsChecked: await t.eventCount() });
  });

  it('bad input is a 400 naming the field, an unknown stream a 404, and roles other than analyst and admin a 403', async () => {
    const bad = await t.http.get(`/audit/streams/complaint-${complaintId}`).query({ asOf: 'yesterday', position: '-1' }).set(analyst());
    expectError(bad, 400, 'AUDIT.VALIDATION');
    expect(fieldsOf(bad)).toEqual(['asOf', 'position']);
    const badSearch = await t.http.get('/audit/events').query({ from: '2026-03-02', to: '2026-03-01', uscc: 'NOT-A-CODE' }).set(analyst());
    expectError(badSearch, 400, 'AUDIT.VALIDATION');
    expect(fieldsOf(badSearch)).toEqual(['to', 'uscc']);
    expect(fieldsOf(await t.http.get('/audit/events').query({ limit: 0 }).set(analyst()))).toEqual(['limit']);
    expectError(await t.http.get('/audit/trace/has%20space').set(analyst()), 400, 'AUDIT.VALIDATION');
    expectError(await t.http.get(`/audit/streams/complaint-${randomUUID()}`).set(analyst()), 404, 'AUDIT.STREAM_NOT_FOUND');
    expectError(await t.http.get(`/audit/trace/${randomUUID()}`).set(analyst()), 404, 'AUDIT.CORRELATION_NOT_FOUND');
    const others = [t.as('complaint_handler', '440100'), t.as('supervisor', '440000'), t.as('inspector', '440100'), t.as('enterprise', '440106', { uscc: ENTERPRISE })];
    for (const path of [`/audit/streams/complaint-${complaintId}`, '/audit/events', `/audit/trace/${CHAIN}`, '/audit/verify']) {
      for (const auth of others) expectError(await t.http.get(path).set(auth), 403, 'ACCESS.ROLE_NOT_ALLOWED');
      expectError(await t.http.get(path), 401, 'AUTH.TOKEN_MISSING');
    }
  });

  it('a complainant read by a handler appends exactly one ComplainantIdentityRead; a masked read appends none', async () => {
    const reads = `complainant-reads-${complaintId}`;
    const count = () => t.eventCount(reads);
    const before = await count();
    const shown = await t.http.get(`/complaints/${complaintId}`).set(t.as('complaint_handler', '440100', { sub: 'handler-07' })).set('X-Correlation-Id', 'read-1');
    expect(shown.body.complainant).toMatchObject({ name: '李四', masked: false });
    expect(await count()).toBe(before + 1);
    const [read] = (await t.engine.store.readStream(reads)).slice(-1);
    expect(read).toMatchObject({
      type: 'ComplainantIdentityRead',
      data: { complaintId, readerId: 'handler-07', readerRole: 'complaint_handler', readerJurisdiction: '440100', route: 'GET /complaints/:id', readAt: expect.any(String) },
      metadata: { actorId: 'handler-07', correlationId: 'read-1' },
    });
    for (const auth of [analyst(), t.as('inspector', '440100'), t.as('enterprise', '440106', { uscc: ENTERPRISE })]) {
      expect((await t.http.get(`/complaints/${complaintId}`).set(auth)).body.complainant).toEqual(MASKED);
    }
    expect(await count()).toBe(before + 1);
    // A list records one read per complainant shown unmasked; the analyst's masked list records none.
    const list = ok(await t.http.get('/complaints').query({ uscc: ENTERPRISE }).set(t.as('supervisor', '440100')));
    expect((list.items as Json[]).map((i) => i.complaintId)).toEqual([complaintId]);
    expect(await count()).toBe(before + 2);
    ok(await t.http.get('/complaints').query({ uscc: ENTERPRISE }).set(analyst()));
    expect(await count()).toBe(before + 2);
    const replay = ok(await t.http.get(`/audit/streams/${reads}`).set(analyst()));
    expect(replay.state).toMatchObject({ complaintId, reads: before + 2 });
  });

  it('regledger replay and trace print what the API returns, as JSON and as text', async () => {
    const replay = replayCommandWith(source);
    const trace = traceCommandWith(source);
    const json = await runCommand(replay, [`complaint-${complaintId}`, '--as-of', asOfBetween, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(ok(await t.http.get(`/audit/streams/complaint-${complaintId}`).query({ asOf: asOfBetween }).set(analyst())));
    const text = await runCommand(replay, [`complaint-${complaintId}`, '--position', '1']);
    expect(text.stdout).toContain(`#0 ComplaintReceived`);
    expect(text.stdout).toContain(`#1 ComplaintAccepted`);
    expect(text.stdout).toContain(`  actor        handler-07 (complaint_handler, 440100)`);
    expect(text.stdout).toContain(`  correlation  ${CHAIN}`);
    expect(text.stdout).toContain('"status": "accepted"');
    expect(text.stdout).not.toContain('李四');
    expect(text.stdout).not.toContain('ComplaintEscalated');

    const traced = await runCommand(trace, [CHAIN, '--json']);
    expect(JSON.parse(traced.stdout)).toEqual(ok(await t.http.get(`/audit/trace/${CHAIN}`).set(analyst())));
    const tree = (await runCommand(trace, [CHAIN])).stdout.split('\n');
    const line = (type: string): string => tree.find((l) => l.includes(` ${type}  `) || l.startsWith(`${type}  `)) ?? '';
    const depth = (l: string): number => l.search(/[A-Z]/);
    expect(line('ComplaintReceived').startsWith('ComplaintReceived  ')).toBe(true);
    expect([line('ComplaintEscalated'), line('InspectionOpened'), line('InspectionCompleted'), line('MatterOpened'), line('CreditEntryRecorded')].map(depth)).toEqual([3, 6, 9, 12, 15]);
    expect(line('InspectionCompleted')).toContain('[same stream]');

    expect((await runCommand(replay, ['complaint-x', '--position', 'two']).catch((e: Error) => ({ code: -1, stdout: e.message }))).stdout).toContain('--position');
  });
});
