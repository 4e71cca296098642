/** The regledger command line: its commands and how one is run. `main.ts` runs it as a program. */
import { DomainError } from '@regledger/shared';
import { UsageError, helpText, parse, type CliCommand } from './cli-kit.js';
import { tokenCommand } from './commands/token.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { projectionsCommand } from './commands/projections.command.js';
import { rebuildCommand } from './commands/rebuild.command.js';
import { sealCommand } from './commands/seal.command.js';
import { verifyCommand } from './commands/verify.command.js';
import { seedCommand } from './commands/seed.command.js';
import { replayCommand } from './commands/replay.command.js';
import { traceCommand } from './commands/trace.command.js';
import { asOfCommand } from './commands/as-of.command.js';
import { diffCommand } from './commands/diff.command.js';
import { exportCommand } from './commands/export.command.js';
import { importCommand } from './commands/import.command.js';
import { erasePersonalDataCommand } from './commands/erase-personal-data.command.js';

const COMMANDS: CliCommand[] = [tokenCommand, migrateCommand, projectionsCommand, rebuildCommand, sealCommand, verifyCommand, seedCommand, asOfCommand, diffCommand, replayCommand, traceCommand, exportCommand, importCommand, erasePersonalDataCommand];

const usage = (): string =>
  `regledger: the command line of the RegLedger engine.

Usage: regledger <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(21)}${c.summary}`).join('\n')}

Run "regledger <command> --help" for a command's options. Configuration comes from the environment
(DATABASE_URL, EVENTSTORE_CONNECTION_STRING, DATA_DIR, JWT_*): see README.md.
`;

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const args = parse(command, rest);
    if (args.values.help) {
      process.stdout.write(helpText(command));
      return 0;
    }
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`regledger ${command.name}: ${e.message}\n\n${helpText(command)}`);
      return 2;
    }
    if (e instanceof DomainError) {
      process.stderr.write(`regledger ${command.name}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`regledger ${command.name}: ${(e as Error).message}\n`);
    return 1;
  }
}
