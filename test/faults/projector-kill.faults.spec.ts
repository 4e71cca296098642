import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { cli } from '../support/cli-run.js';
import { compareWithCleanRebuild, engineEnv, median, prepareStorage, report, startFaultApp, type FaultApp, type Storage } from './support/fault-app.js';
import { startLoad } from './support/load.js';
import { PROJECTOR_APP_NAME, startProjector, type ProjectorProcess } from './support/projector-process.js';

/**
 * The projector (apps/projector, its own process) killed with SIGKILL in the middle of a write transaction
 * (a projection batch, a policy's command or a seal), again and again while commands keep arriving, then
 * started once more: its read models equal a clean rebuild of the log, and the log with the blocks it sealed
still verifies (`regledger verify`). PostgreSQL only: the embedded
 * PGlite lives inside one process, which a second process cannot share.
 */

const KILLS = Number(process.env.FAULTS_PROJECTOR_KILLS ?? 5);
/** How long to look for the projector inside a write transaction before giving up on one kill. */
const CATCH_TIMEOUT_MS = 60_000;

describe('the projector killed with SIGKILL mid-batch, repeatedly', () => {
  let storage: Storage;
  let t: FaultApp;
  let watcher: pg.Client;
  let projector: ProjectorProcess | null = null;

  beforeAll(async () => {
    storage = await prepareStorage('postgres');
    // The API only: projections, policies and sealing run in the projector process.
    t = await startFaultApp(storage, { PROJECTIONS_IN_PROCESS: 'false' });
    watcher = new pg.Client({ connectionString: storage.databaseUrl! });
    watcher.on('error', () => undefined);
    await watcher.connect();
  }, 120_000);

  afterAll(async () => {
    projector?.child.kill('SIGKILL');
    await projector?.exited;
    await watcher?.end().catch(() => undefined);
    await t?.close().catch(() => undefined);
    await storage?.cleanup();
  }, 60_000);

  const projectorEnv = (): Record<string, string> => engineEnv(storage, { PROJECTION_BATCH_SIZE: '20', SEAL_INTERVAL_MS: '500', SEAL_BLOCK_SIZE: '50', LOG_LEVEL: 'warn' });

  /** Polls until one of the projector's connections is inside a transaction that has written (it holds a transaction id), then SIGKILLs it. */
  async function killMidTransaction(p: ProjectorProcess): Promise<{ query: string; waitedMs: number }> {
    const from = Date.now();
    while (Date.now() - from < CATCH_TIMEOUT_MS) {
      if (p.child.exitCode !== null) throw new Error(`the projector exited by itself: ${p.output()}`);
      const r = await watcher.query<{ query: string }>(
        `select query from pg_stat_activity where application_name = $1 and datname = current_database() and backend_xid is not null limit 1`,
        [PROJECTOR_APP_NAME],
      );
      if (r.rows.length) {
        p.child.kill('SIGKILL');
        return { query: r.rows[0].query, waitedMs: Date.now() - from };
      }
    }
    throw new Error(`the projector was never seen inside a write transaction in ${CATCH_TIMEOUT_MS} ms: ${p.output()}`);
  }

  it('after every kill and a last restart, the read models equal a clean rebuild of the log and the sealed log verifies', async () => {
    // Given a steady load on the API
    const load = startLoad(t, { prefix: 'PK', clients: 4, pauseMs: 20 });
    const kills: { query: string; waitedMs: number; signal: NodeJS.Signals | null }[] = [];

    // When the projector is killed in the middle of a write, KILLS times, each time started again
    for (let i = 0; i < KILLS; i += 1) {
      projector = startProjector(projectorEnv());
      const caught = await killMidTransaction(projector);
      const exit = await projector.exited;
      kills.push({ ...caught, signal: exit.signal });
      projector = null;
    }
    // and the load ends, and the projector runs once more
    await load.stop();
    projector = startProjector(projectorEnv());
    const restartedAt = Date.now();
    await t.settled(120_000);
    const catchUpMs = Date.now() - restartedAt;
    projector.child.kill('SIGTERM');
    const last = await projector.exited;
    const lastOutput = projector.output();
    projector = null;

    // Then each kill was a SIGKILL inside a write transaction
    expect(kills.map((k) => k.signal)).toEqual(kills.map(() => 'SIGKILL'));
    expect(kills).toHaveLength(KILLS);
    // and the last projector ran without an error and stopped on SIGTERM (Nest re-raises it once closed)
    expect(last).toEqual({ code: null, signal: 'SIGTERM' });
    expect(lastOutput.split('\n').filter((l) => l.includes('"level":"error"'))).toEqual([]);
    // and every accepted command is in the log, and the read models equal a clean rebuild
    const accepted = load.commands.filter((c) => c.replies.some((r) => r.status < 300));
    expect(load.commands.filter((c) => !c.replies.some((r) => r.status < 300)).map((c) => `${c.path} ${c.replies[0]?.status}`)).toEqual([]);
    for (const c of accepted.filter((x) => x.path === '/enterprises').slice(0, 50)) expect([c.uscc, (await t.call('GET', `/enterprises/${c.uscc}`)).status]).toEqual([c.uscc, 200]);
    await t.close();
    const { live, rebuilt, events } = await compareWithCleanRebuild(storage);
    expect(live).toEqual(rebuilt);
    const kinds = kills.map((k) => (/rm_checkpoints/.test(k.query) ? 'checkpoint' : /^\s*insert into es_/i.test(k.query) ? 'append' : /es_blocks|seal/i.test(k.query) ? 'seal' : 'read-model'));
    report('projector-kill', {
      kills: kills.length,
      killedIn: [...new Set(kinds)].map((k) => `${k}×${kinds.filter((x) => x === k).length}`).join('+'),
      medianMsToCatchInTransaction: median(kills.map((k) => k.waitedMs)).toFixed(0),
      commands: accepted.length,
      events,
      lastCatchUpSeconds: (catchUpMs / 1000).toFixed(1),
      readModelTables: Object.keys(live).length,
    });

    // and the log with its sealed blocks (sealed by the killed projectors too, in blocks of 50 events, so a
    // run seals dozens) still verifies
    const verified = await cli({ ...engineEnv(storage), LOG_LEVEL: 'silent' }, ['verify', '--json']);
    const verification = JSON.parse(verified.stdout) as { ok: boolean; blocksChecked: number; firstFailure: unknown };
    expect([verified.code, verification.firstFailure]).toEqual([0, null]);
    expect(verification.blocksChecked).toBeGreaterThan(10);
  });
});
