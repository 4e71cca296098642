import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * The suite's set-up: a PGlite template directory that the embedded scenarios copy (as the main suite's
 * set-up does), and a line naming the PostgreSQL server the other scenarios use.
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
  const server = process.env.DATABASE_URL ?? process.env.FAULTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.stdout.write(
    `\n[regledger faults] PostgreSQL scenarios run in fresh databases on ${server.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}; ` +
      'the restart scenario on a private server of its own\n',
  );
}
