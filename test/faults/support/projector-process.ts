import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Runs the projector from its TypeScript sources: the suite needs no build. */
const LOADER = join(ROOT, 'test', 'support', 'ts-source-loader.mjs');

/** The application name the projector's pooled connections carry, so that a test can find them in pg_stat_activity. */
export const PROJECTOR_APP_NAME = 'regledger-faults-projector';

export interface ProjectorProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `apps/projector` as its own process with the given environment (on top of this one's, minus DATABASE_URL). */
export function startProjector(env: Record<string, string>): ProjectorProcess {
  const childEnv: Record<string, string | undefined> = { ...process.env, NODE_OPTIONS: undefined, DATABASE_URL: undefined, PGAPPNAME: PROJECTOR_APP_NAME, ...env };
  const child = spawn(process.execPath, ['--import', LOADER, join(ROOT, 'apps/projector/src/main.ts')], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}
