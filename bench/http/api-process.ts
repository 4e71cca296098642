import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What `npm run build` (nest build api) produces and `npm run start:api` runs. */
export const API_ENTRY = join(ROOT, 'dist/apps/api/src/main.js');
const NEST_CLI = join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js');

/** The sources the API is built from (tsconfig.build.json without the other apps): the newest of them. */
function newestApiSource(): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const { mtimeMs } = statSync(path);
        if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
      }
    }
  };
  walk(join(ROOT, 'apps/api/src'));
  for (const lib of readdirSync(join(ROOT, 'libs'))) {
    const src = join(ROOT, 'libs', lib, 'src');
    if (existsSync(src)) walk(src);
  }
  for (const file of ['tsconfig.build.json', 'tsconfig.base.json']) {
    const path = join(ROOT, file);
    const { mtimeMs } = statSync(path);
    if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}

/** Builds the API (`nest build api`, as `npm run build`) when dist is missing or older than a source. */
export async function ensureApiBuilt(progress: (m: string) => void): Promise<void> {
  const newest = newestApiSource();
  const built = existsSync(API_ENTRY) ? statSync(API_ENTRY).mtimeMs : null;
  if (built !== null && built >= newest.mtimeMs) return;
  const why = built === null ? `${API_ENTRY.slice(ROOT.length)} is missing` : `${newest.path.slice(ROOT.length)} is newer than the build`;
  progress(`http-load: building the API (npm run build) because ${why}`);
  const t0 = performance.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [NEST_CLI, 'build', 'api'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  if (code !== 0 || !existsSync(API_ENTRY)) {
    throw new Error(`the API build failed (exit code ${code}); run \`npm run build\` and fix its errors:\n${output.join('').trim().slice(-3000)}`);
  }
  progress(`http-load: built the API in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** A free TCP port on the loopback interface. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface MemoryReading {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size of the process so far (VmHWM), bytes. */
  peak: number;
}

/** VmRSS and VmHWM from /proc/<pid>/status (Linux); null elsewhere or once the process is gone. */
export function readMemory(pid: number): MemoryReading | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kib = (field: string): number | null => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : null;
  };
  const rss = kib('VmRSS');
  const peak = kib('VmHWM');
  return rss === null || peak === null ? null : { rss, peak };
}

export interface ApiProcessOptions {
  env: NodeJS.ProcessEnv;
  port: number;
  /** The API's stderr (error logs) goes to this file. */
  stderrFile: string;
  signal: AbortSignal;
}

/** The API (`node dist/apps/api/src/main.js`) as a child process. */
export class ApiProcess {
  readonly baseUrl: string;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exited: Promise<void>;
  /** Ends the API when this process leaves, however it leaves (Ctrl-C included). */
  private readonly onExit = (): void => {
    if (!this.exit) this.child.kill('SIGKILL');
  };

  private constructor(
    private readonly child: ChildProcess,
    port: number,
    private readonly stderrFile: string,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    process.on('exit', this.onExit);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        process.off('exit', this.onExit);
        resolve();
      });
    });
  }

  static start(options: ApiProcessOptions): ApiProcess {
    const fd = openSync(options.stderrFile, 'a');
    try {
      // Request logs (info, stdout) are written and discarded, as a deployment pays for them; errors are kept.
      const child = spawn(process.execPath, [API_ENTRY], { cwd: ROOT, env: { ...options.env, PORT: String(options.port) }, stdio: ['ignore', 'ignore', fd] });
      const api = new ApiProcess(child, options.port, options.stderrFile);
      options.signal.addEventListener('abort', () => void api.stop(), { once: true });
      return api;
    } finally {
      closeSync(fd);
    }
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** The end of the API's error log, for messages. */
  stderrTail(chars = 2000): string {
    try {
      return readFileSync(this.stderrFile, 'utf8').trim().slice(-chars);
    } catch {
      return '';
    }
  }

  private describeExit(): string {
    const tail = this.stderrTail();
    return `the API process ended (${this.exit?.signal ?? `exit code ${this.exit?.code}`})${tail ? `; its error log ends:\n${tail}` : ''}`;
  }

  /** Polls `GET /ready` until it answers 200. */
  async waitUntilReady(timeoutMs: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (signal.aborted) throw new Error('interrupted');
      if (!this.running) throw new Error(this.describeExit());
      try {
        const res = await fetch(`${this.baseUrl}/ready`, { signal: AbortSignal.timeout(2000) });
        last = `${res.status} ${await res.text()}`;
        if (res.status === 200) return;
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the API was not ready within ${timeoutMs / 1000} s (last answer to GET /ready: ${last})${this.stderrTail() ? `; its error log ends:\n${this.stderrTail()}` : ''}`);
  }

  /** Throws when the API has ended on its own. */
  assertRunning(): void {
    if (!this.running) throw new Error(this.describeExit());
  }

  /** SIGTERM (the API finishes in-flight work and closes), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
