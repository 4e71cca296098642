import { loadAuthConfig } from '@regledger/auth';
import { JsonLogger, describeBackends, loadEngineConfig } from '@regledger/engine';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadEngineConfig(process.env);
  const logger = new JsonLogger(config.logLevel, { service: 'regledger-api' });
  const auth = loadAuthConfig({ ...process.env, DATA_DIR: config.dataDir });
  if (auth.development) logger.warn('no JWT key configured: using a development secret from DATA_DIR (refused in production)');
  if (config.personalData.development) logger.warn('no PERSONAL_DATA_SUBJECT_SECRET configured: using the development secret (refused in production)');
  const app = await createApp({ config, auth, logger });
  await app.listen(config.port);
  logger.info('listening', { port: config.port, ...describeBackends(config), dataDir: config.databaseUrl ? undefined : config.dataDir, workers: config.projectionsInProcess });
}

main().catch((e: unknown) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'failed to start', error: (e as Error).message })}\n`);
  process.exit(1);
});
