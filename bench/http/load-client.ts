import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadResult, LoadSpec, WorkerMessage } from './workload.js';

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
const REGISTER = new URL('./register.mjs', import.meta.url).href;

/** The load generator's process: one load at a time. */
export class LoadProcess {
  private pending: { resolve: (r: LoadResult) => void; reject: (e: Error) => void } | null = null;
  private exited = false;
  /** Ends the load process when this process leaves, however it leaves. */
  private readonly onExit = (): void => this.kill();

  private constructor(private readonly child: ChildProcess) {
    process.on('exit', this.onExit);
    child.on('message', (m: WorkerMessage) => {
      const p = this.pending;
      if (!p || m.type === 'ready') return;
      this.pending = null;
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(new Error(`load process: ${m.message}`));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      process.off('exit', this.onExit);
      this.pending?.reject(new Error(`the load process ended (${signal ?? `exit code ${code}`})`));
      this.pending = null;
    });
  }

  /** Forks the load process and waits until it listens. */
  static start(signal: AbortSignal): Promise<LoadProcess> {
    const child = fork(WORKER, [], { execArgv: ['--import', REGISTER], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const load = new LoadProcess(child);
    return new Promise((resolve, reject) => {
      const fail = (e: Error): void => {
        load.kill();
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error('the load process did not start within 30 s')), 30_000);
      child.once('message', (m: WorkerMessage) => {
        clearTimeout(timer);
        if (m.type === 'ready') resolve(load);
        else fail(new Error(`load process: unexpected first message ${m.type}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the load process ended before it started (exit code ${code})`));
      });
      signal.addEventListener('abort', () => load.kill(), { once: true });
    });
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    if (this.exited) return Promise.reject(new Error('the load process has ended'));
    if (this.pending) return Promise.reject(new Error('a load is already running'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.child.send(spec);
    });
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}
