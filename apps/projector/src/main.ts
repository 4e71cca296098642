import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, PROJECTION_ENGINE, describeBackends, loadEngineConfig } from '@regledger/engine';
import type { ProjectionEngine } from '@regledger/read-models';
import { ProjectorModule } from './projector.module.js';

const HELP = `regledger projector: runs every projection, policy and the sealing of the log, without HTTP.

Usage: node dist/apps/projector/src/main.js [--help]

Configuration comes from the environment (see README.md): DATABASE_URL, EVENTSTORE_CONNECTION_STRING,
DATA_DIR, PROJECTION_BATCH_SIZE, PROJECTION_POLL_MS, SEAL_INTERVAL_MS, SEAL_BLOCK_SIZE, LOG_LEVEL.
Several projectors may run at once against one PostgreSQL: each projection is run by one of them
(advisory locks); the others stand by and take over when it stops. Stop with SIGINT or SIGTERM.`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const config = loadEngineConfig(process.env);
  const logger = new JsonLogger(config.logLevel, { service: 'regledger-projector' });
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config, logger), { logger });
  app.enableShutdownHooks();
  await app.init();
  const engine = app.get<ProjectionEngine>(PROJECTION_ENGINE);
  logger.info('projector started', { ...describeBackends(config), projections: engine.projectionNames() });
}

main().catch((e: unknown) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'projector failed to start', error: (e as Error).message })}\n`);
  process.exit(1);
});
