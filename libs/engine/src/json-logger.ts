import type { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** Structured logs: one JSON object a line on stdout (stderr for errors). */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly base: Record<string, unknown> = {},
  ) {}

  private write(level: Exclude<LogLevel, 'silent'>, message: unknown, fields: Record<string, unknown>): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, ...this.base, ...fields, msg: typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message) });
    (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
  }

  private context(params: unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of params) {
      if (typeof p === 'string') out.context = p;
      else if (p && typeof p === 'object') Object.assign(out, p);
    }
    return out;
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, this.context(params));
  }
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.write('info', message, fields);
  }
  error(message: unknown, ...params: unknown[]): void {
    const fields = this.context(params.filter((p) => !(typeof p === 'string' && p.includes('\n    at '))));
    const stack = params.find((p) => typeof p === 'string' && p.includes('\n    at '));
    if (stack) fields.stack = stack;
    this.write('error', message, fields);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, this.context(params));
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, this.context(params));
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, this.context(params));
  }
}
