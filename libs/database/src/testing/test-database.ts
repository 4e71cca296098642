import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../database.js';
import { migrate, type Migration } from '../migrator.js';

export type TestBackend = 'pglite' | 'postgres';

/** The back end the test run targets: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const defaultTestBackend = (): TestBackend => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

export const postgresAvailable = (): boolean => Boolean(process.env.DATABASE_URL);

/**
 * A fresh, private database for one test file: a copy of the PGlite template, or a new database on
 * the PostgreSQL server of DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(migrations: readonly Migration[], backend: TestBackend = defaultTestBackend()): Promise<Database> {
  if (backend === 'postgres') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('DATABASE_URL is not set');
    const name = `regledger_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
    await migrate(database.db, migrations);
    return {
      ...database,
      async close() {
        await database.close();
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const template = process.env.REGLEDGER_PGLITE_TEMPLATE;
  const dir = mkdtempSync(join(tmpdir(), 'regledger-test-'));
  if (template) cpSync(template, dir, { recursive: true });
  const database = await openDatabase({ dataDir: dir });
  await migrate(database.db, migrations);
  return {
    ...database,
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where a whole engine under test keeps its data: a fresh database on the PostgreSQL server, or a
 * data directory holding a copy of the PGlite template. `cleanup` removes it.
 */
export async function prepareEngineStorage(backend: TestBackend = defaultTestBackend()): Promise<{ databaseUrl: string | null; dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regledger-engine-'));
  if (backend === 'postgres') {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error('DATABASE_URL is not set');
    const name = `regledger_e_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      databaseUrl: url.toString(),
      dataDir,
      async cleanup() {
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = process.env.REGLEDGER_PGLITE_TEMPLATE;
  if (template) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
  return { databaseUrl: null, dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}
