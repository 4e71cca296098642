import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the PostgreSQL 15 server binaries live (Debian's layout); `FAULTS_PG_BIN` overrides it. */
const PG_BIN = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** initdb and postgres refuse to run as root: they run as this OS user when the suite runs as root. */
const PG_OS_USER = process.env.FAULTS_PG_OS_USER ?? 'postgres';

/**
 * A throw-away PostgreSQL server of its own (data directory, port and socket directory in a temporary
 * directory, trust authentication on loopback) that a fault test may stop and start at will without
 * touching any other server of the machine.
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** `immediate`: the server's processes quit at once, as on a crash (recovery replays the WAL on start). */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  isRunning(): Promise<boolean>;
  /** Stops the server (if running) and removes its directory. */
  destroy(): Promise<void>;
}

export const privatePostgresAvailable = (): boolean => existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const asRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary, as the PostgreSQL OS user when this process is root. */
async function pgTool(tool: string, args: string[], timeoutMs = 60_000): Promise<{ stdout: string; stderr: string }> {
  const bin = join(PG_BIN, tool);
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', PG_OS_USER, '--', bin, ...args]] : [bin, args];
  return run(cmd, argv, { timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
}

async function osUserIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', PG_OS_USER]);
  const { stdout: g } = await run('id', ['-g', PG_OS_USER]);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'regledger-faults-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const logFile = join(root, 'server.log');
  mkdirSync(socketDir);
  if (asRoot()) {
    const { uid, gid } = await osUserIds();
    for (const p of [root, socketDir]) chownSync(p, uid, gid);
    chmodSync(root, 0o700);
  }
  const port = await freePort();
  let destroyed = false;
  try {
    await pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], 120_000);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-k ${socketDir}`,
    '-c max_connections=60',
    '-c shared_buffers=32MB',
    // Throw-away data: durability of this test server is not what the test is about.
    '-c fsync=off',
    '-c synchronous_commit=on',
    '-c full_page_writes=off',
  ].join(' ');
  const server: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pgTool('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions], 90_000);
    },
    async stop(mode = 'immediate') {
      await pgTool('pg_ctl', ['stop', '-D', dataDir, '-m', mode, '-w', '-t', '60'], 90_000);
    },
    async isRunning() {
      try {
        await pgTool('pg_ctl', ['status', '-D', dataDir], 10_000);
        return true;
      } catch {
        return false;
      }
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (await server.isRunning()) await server.stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (e) {
    await server.destroy();
    throw e;
  }
  return server;
}
