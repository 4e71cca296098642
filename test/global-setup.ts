import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Initialising PGlite costs seconds (stack-notes §6): do it once per run into a template directory
 * that each test file copies.
 */
export default async function globalSetup(): Promise<void> {
  const template = join(tmpdir(), `regledger-pglite-template-${process.pid}`);
  if (!existsSync(join(template, 'PG_VERSION'))) {
    mkdirSync(template, { recursive: true });
    const pg = await PGlite.create(template);
    await pg.query('select 1');
    await pg.close();
  }
  process.env.REGLEDGER_PGLITE_TEMPLATE = template;
  const target = process.env.DATABASE_URL ? `PostgreSQL (${redact(process.env.DATABASE_URL)})` : 'embedded PGlite';
  process.stdout.write(`\n[regledger tests] database back end: ${target}\n`);
  if (!process.env.EVENTSTORE_CONNECTION_STRING) {
    process.stdout.write('[regledger tests] EVENTSTORE_CONNECTION_STRING is not set: the EventStoreDB contract suite is SKIPPED (not verified)\n');
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
