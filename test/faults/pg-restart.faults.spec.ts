import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compareWithCleanRebuild, logEvents, median, prepareStorage, report, sleepMs, startFaultApp, type FaultApp, type Storage } from './support/fault-app.js';
import { send, startLoad, type LoadCommand } from './support/load.js';
import { privatePostgresAvailable, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';

/**
 * PostgreSQL stopped (immediate shutdown, as a crash) and started again in the middle of a load run, on a
 * private server of the test's own: while it is down the API answers 503 with Retry-After (never a 500, never
 * a hang), it recovers by itself, no acknowledged command is lost or doubled, and the in-process projections
 * resume and converge to the log.
 */

const UP_MS = Number(process.env.FAULTS_RESTART_UP_MS ?? 4_000);
const DOWN_MS = Number(process.env.FAULTS_RESTART_DOWN_MS ?? 5_000);
const RECOVERY_BOUND_MS = 30_000;

describe('PostgreSQL stopped and started during a load run', () => {
  let server: PrivatePostgres;
  let storage: Storage;
  let t: FaultApp;

  beforeAll(async () => {
    if (!privatePostgresAvailable()) throw new Error('the PostgreSQL 15 server binaries (initdb, pg_ctl) are not installed: set FAULTS_PG_BIN to their directory');
    server = await startPrivatePostgres();
    storage = await prepareStorage('postgres', server.url);
    t = await startFaultApp(storage);
  }, 180_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    if (server && !(await server.isRunning())) await server.start().catch(() => undefined);
    await storage?.cleanup().catch(() => undefined);
    await server?.destroy();
  }, 120_000);

  it('answers 503 with Retry-After while it is down, recovers without a restart, loses no acknowledged command, and the projections resume', async () => {
    // Given a steady load
    const load = startLoad(t, { prefix: 'RT', clients: 6, pauseMs: 20, backoffMs: 100 });
    await sleepMs(UP_MS);

    // When PostgreSQL goes down
    const stopAt = Date.now();
    await server.stop('immediate');
    const downFrom = Date.now();
    await sleepMs(DOWN_MS / 2);
    const readyWhileDown = await t.call('GET', '/ready');
    await sleepMs(DOWN_MS / 2);
    const downUntil = Date.now();
    // and comes back
    await server.start();
    const startedAt = Date.now();
    let recoveredAt: number | null = null;
    while (recoveredAt === null && Date.now() - startedAt < RECOVERY_BOUND_MS) {
      if (load.commands.some((c) => c.replies.some((r) => r.status < 300 && r.at - r.ms > startedAt))) recoveredAt = Date.now();
      else await sleepMs(50);
    }
    await sleepMs(UP_MS);
    await load.stop();

    const replies = load.commands.flatMap((c) => c.replies.map((r) => ({ ...r, path: c.path })));
    // Then every answer was an acceptance or a 503 with Retry-After: no 500, no hang, nothing else
    const unexpected = replies.filter((r) => !(r.status === 200 || r.status === 201 || (r.status === 503 && r.headers.get('retry-after') !== null)));
    expect(unexpected.map((r) => `${r.path} ${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    // and while the server was down, every request was answered 503 SERVICE.UNAVAILABLE, quickly
    const duringDown = replies.filter((r) => r.at - r.ms >= downFrom && r.at <= downUntil);
    expect(duringDown.length).toBeGreaterThan(10);
    expect([...new Set(duringDown.map((r) => `${r.status} ${(r.body?.error as { code?: string } | undefined)?.code}`))]).toEqual(['503 SERVICE.UNAVAILABLE']);
    expect(Math.max(...duringDown.map((r) => r.ms))).toBeLessThan(5_000);
    expect(readyWhileDown.status).toBe(503);
    expect(readyWhileDown.headers.get('retry-after')).not.toBeNull();
    // and the API recovered by itself
    expect(recoveredAt).not.toBeNull();
    expect((await t.call('GET', '/ready')).status).toBe(200);

    // When every command that got no acceptance is sent again with its idempotency key
    const unanswered = load.commands.filter((c) => !c.replies.some((r) => r.status < 300));
    for (const c of unanswered) await send(t, c);
    expect(unanswered.filter((c) => c.replies[c.replies.length - 1].status >= 300).map((c) => `${c.path} ${c.replies[c.replies.length - 1].status}`)).toEqual([]);

    // Then every command is in the log exactly once, with the events its acceptance named
    const log = await logEvents(t.engine, 'enterprise-');
    const byKey = new Map<string, string[]>();
    for (const e of log) if (e.idempotencyKey) byKey.set(e.idempotencyKey, [...(byKey.get(e.idempotencyKey) ?? []), e.id]);
    const acknowledged = (c: LoadCommand) => c.replies.filter((r) => r.status < 300);
    for (const c of load.commands) {
      const ids = acknowledged(c).map((r) => (r.body!.events as { id: string }[]).map((e) => e.id));
      // the key scopes to the actor, so look it up by suffix
      const logged = [...byKey.entries()].filter(([k]) => k.endsWith(c.idempotencyKey)).flatMap(([, v]) => v);
      for (const a of ids) expect([c.path, a]).toEqual([c.path, logged]);
      expect([c.path, logged.length]).toEqual([c.path, 1]);
    }

    // and the projections resumed: they reach the head and every accepted registration can be read
    const settleFrom = Date.now();
    await t.settled(60_000);
    const settleMs = Date.now() - settleFrom;
    const registrations = load.commands.filter((c) => c.path === '/enterprises');
    const missing: string[] = [];
    for (const c of registrations) if ((await t.call('GET', `/enterprises/${c.uscc}`)).status !== 200) missing.push(c.uscc);
    expect(missing).toEqual([]);
    const workers = await t.projections.status();
    expect(workers.filter((w) => w.state !== 'running' || w.eventsBehind > 0).map((w) => `${w.name} ${w.state} ${w.lastError}`)).toEqual([]);

    // and the read models equal a clean rebuild of the log
    await t.close();
    const { live, rebuilt, events } = await compareWithCleanRebuild(storage);
    expect(live).toEqual(rebuilt);

    const accepted = replies.filter((r) => r.status < 300);
    report('pg-restart', {
      commands: load.commands.length,
      acceptedFirstTime: load.commands.length - unanswered.length,
      answered503: replies.filter((r) => r.status === 503).length,
      retriedAccepted: unanswered.length,
      retriedReplayed: unanswered.filter((c) => c.replies[c.replies.length - 1].headers.get('idempotent-replayed') === 'true').length,
      downSeconds: ((startedAt - stopAt) / 1000).toFixed(1),
      median503Ms: median(duringDown.map((r) => r.ms)).toFixed(0),
      max503Ms: Math.max(...duringDown.map((r) => r.ms)).toFixed(0),
      recoverySeconds: (((recoveredAt ?? startedAt) - startedAt) / 1000).toFixed(1),
      settleSeconds: (settleMs / 1000).toFixed(1),
      medianAcceptedMs: median(accepted.map((r) => r.ms)).toFixed(0),
      events,
    });
  });
});
