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

/** Creates a uniquely named database on the server of DATABASE_URL; returns its URL and a drop function. */
async function createServerDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string): Promise<void> => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * A fresh, private database for one test file: a copy of the PGlite template, or a new database on
 * the PostgreSQL server of DATABASE_URL (dropped on close).
 */
export async function createTestDatabase(migrations: readonly Migration[], backend: TestBackend = defaultTestBackend()): Promise<Database> {
  if (backend === 'postgres') {
    const server = await createServerDatabase('regledger_t');
    const database = await openDatabase({ databaseUrl: server.url, poolSize: 20 });
    await migrate(database.db, migrations);
    return {
      ...database,
      async close() {
        await database.close();
        await server.drop();
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
    const server = await createServerDatabase('regledger_e');
    return {
      databaseUrl: server.url,
      dataDir,
      async cleanup() {
        await server.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = process.env.REGLEDGER_PGLITE_TEMPLATE;
  if (template) cpSync(template, join(dataDir, 'pglite'), { recursive: true });
  return { databaseUrl: null, dataDir, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}
