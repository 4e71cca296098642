import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { prepareEngineStorage } from '@regledger/database/testing';
import { loadEngineConfig, openEngine, type Engine } from '@regledger/engine';
import { readCheckpoint } from '@regledger/read-models';
import { CONTEXTS } from '../apps/api/src/contexts.js';
import { generateSeedPlan } from '../apps/cli/src/seed/seed-generator.js';
import { runSeedPlan } from '../apps/cli/src/seed/seed-runner.js';
import { tableChecksum } from './support/table-checksum.js';

/**
 * `regledger rebuild` killed with SIGKILL part-way through (no chance to clean up) resumes from its
 * checkpoint when run again, and ends with the same rows as a rebuild that was never interrupted.
 */

const PROJECTION = 'declarations';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Runs the CLI from its TypeScript sources: the test needs no build. */
const LOADER = join(ROOT, 'test', 'support', 'ts-source-loader.mjs');

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `regledger rebuild <projection>` as its own process; with `killOnProgress`, SIGKILLed once it reports its first batch. */
function rebuildProcess(env: Record<string, string>, killOnProgress: boolean): Promise<Exit & { killedMidway: boolean }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, NODE_OPTIONS: undefined, PROJECTION_BATCH_SIZE: '5', LOG_LEVEL: 'silent' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', LOADER, join(ROOT, 'apps/cli/src/main.ts'), 'rebuild', PROJECTION], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let killedMidway = false;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
    // The first progress line comes after the first batch was committed into the __next tables.
    if (killOnProgress && !killedMidway && /rebuild declarations \[/.test(stderr) && !/switched/.test(stderr)) {
      killedMidway = true;
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, killedMidway }));
  });
}

/** Per table of the projection: its row count and a hash of all its rows, in a stable order. */
async function checksums(engine: Engine, suffix = ''): Promise<Record<string, { rows: number; md5: string }>> {
  const p = engine.projections.find((x) => x.name === PROJECTION)!;
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of p.tables) out[t] = await tableChecksum(engine.database.db, `${t}${suffix}`);
  return out;
}

const tableExists = async (engine: Engine, name: string): Promise<boolean> =>
  (await sql<{ r: string | null }>`select to_regclass(${name})::text as r`.execute(engine.database.db)).rows[0].r !== null;

describe(`rebuild ${PROJECTION}, killed mid-way and run again`, () => {
  let storage: Awaited<ReturnType<typeof prepareEngineStorage>>;
  let env: Record<string, string>;
  let before: Record<string, { rows: number; md5: string }>;
  let totalEvents = 0;
  const open = (): Promise<Engine> => openEngine(loadEngineConfig({ ...env, LOG_LEVEL: 'silent' }), CONTEXTS);

  beforeAll(async () => {
    storage = await prepareEngineStorage();
    env = { DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) };
    const engine = await open();
    try {
      await runSeedPlan(engine, generateSeedPlan({ seed: 11, province: '44', enterprises: 40, now: '2026-11-01T00:00:00Z' }), { supervision: false });
      await engine.projectionEngine().catchUp({ projectionsOnly: true });
      before = await checksums(engine);
      totalEvents = Number((await engine.store.headPosition())!.globalPosition);
    } finally {
      await engine.close();
    }
    expect(before.declarations.rows).toBeGreaterThan(20);
  }, 180_000);

  afterAll(async () => {
    await storage?.cleanup();
  });

  it('finishes on the second run, and its tables equal the live ones and a clean rebuild', async () => {
    const killed = await rebuildProcess(env, true);
    expect({ killedMidway: killed.killedMidway, signal: killed.signal }).toEqual({ killedMidway: true, signal: 'SIGKILL' });

    // The crash left a rebuild part-way: its checkpoint and the __next tables, the live tables untouched.
    let engine = await open();
    try {
      const partial = await readCheckpoint(engine.database.db, `${PROJECTION}@next`);
      expect(partial).not.toBeNull();
      expect(Number(partial!.eventsSeen)).toBeGreaterThan(0);
      expect(Number(partial!.eventsSeen)).toBeLessThan(totalEvents);
      expect(await tableExists(engine, 'declarations__next')).toBe(true);
      expect(await checksums(engine)).toEqual(before);
    } finally {
      await engine.close();
    }

    const resumed = await rebuildProcess(env, false);
    expect({ code: resumed.code, stdout: resumed.stdout }).toEqual({ code: 0, stdout: `rebuilt ${PROJECTION}\n` });
    expect(resumed.stderr).toMatch(/rebuild declarations: \d+ events in [\d.]+s, switched/);

    engine = await open();
    try {
      const recovered = await checksums(engine);
      expect(recovered).toEqual(before);
      expect(await readCheckpoint(engine.database.db, `${PROJECTION}@next`)).toBeNull();
      for (const t of engine.projections.find((p) => p.name === PROJECTION)!.tables) {
        expect([t, await tableExists(engine, `${t}__next`), await tableExists(engine, `${t}__old`)]).toEqual([t, false, false]);
      }
      const live = await readCheckpoint(engine.database.db, PROJECTION);
      expect(Number(live!.globalPosition)).toBe(totalEvents);

      // A rebuild never interrupted, from the same log.
      const projections = engine.projectionEngine();
      await projections.rebuild(PROJECTION);
      expect(await checksums(engine)).toEqual(recovered);
    } finally {
      await engine.close();
    }
  }, 300_000);
});
