import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Text after the usage line in `--help`. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }): Promise<number>;
}

export class UsageError extends Error {}

/** A repeatable option's values: none, one or several. */
export const optionList = (v: string | boolean | string[] | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

export const parse = (command: CliCommand, argv: string[]): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } => {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
};

export const helpText = (c: CliCommand): string => `${c.summary}\n\nUsage: regledger ${c.usage}\n\n${c.help.trim()}\n\n  -h, --help   show this help\n      --json   print machine-readable JSON on stdout\n`;

export const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
};

/** A progress line on stderr: a bar on a terminal, a line every few seconds otherwise. */
export class Progress {
  private lastLine = 0;
  constructor(private readonly label: string) {}

  update(done: number, total: number | null, rate: number, etaSeconds: number | null): void {
    const now = Date.now();
    const tty = process.stderr.isTTY;
    if (!tty && now - this.lastLine < 2000) return;
    this.lastLine = now;
    const pct = total && total > 0 ? Math.min(100, (done / total) * 100) : null;
    const width = 30;
    const filled = pct === null ? 0 : Math.round((pct / 100) * width);
    const bar = pct === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.toFixed(1).padStart(5)}% `;
    const eta = etaSeconds === null ? '' : ` eta ${formatSeconds(etaSeconds)}`;
    const line = `${this.label} ${bar}${done}${total ? `/${total}` : ''} events, ${Math.round(rate)} ev/s${eta}`;
    process.stderr.write(tty ? `\r${line.padEnd(100)}` : `${line}\n`);
  }

  done(message: string): void {
    process.stderr.write(process.stderr.isTTY ? `\r${message.padEnd(100)}\n` : `${message}\n`);
  }
}

export const formatSeconds = (s: number): string => (s < 60 ? `${Math.round(s)}s` : s < 3600 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`);
