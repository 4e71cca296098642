import { Progress, UsageError, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'Rebuild read models from the whole log, blue/green.',
  usage: 'rebuild <projection> | --all',
  help: `
  <projection>   the projection to rebuild (see: regledger projections status)
  --all          every projection, one after another

The new tables are built beside the live ones (<table>__next) while the live ones keep serving, then
switched in one transaction. Policies never run during a rebuild. Interrupted (Ctrl-C, a crash), it
resumes where it stopped when run again.`,
  options: { all: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    const engine = await openCliEngine();
    const projection = engine.projectionEngine();
    const names = values.all ? projection.projectionNames() : positionals;
    if (!names.length) {
      await engine.close();
      throw new UsageError('name a projection or give --all');
    }
    const interrupt = (): void => {
      process.stderr.write('\ninterrupted: the rebuild will resume from its checkpoint next time\n');
      void projection.stop().finally(() => engine.close().finally(() => process.exit(130)));
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      await projection.prepare();
      const results = [];
      for (const name of names) {
        const bar = new Progress(`rebuild ${name}`);
        const started = Date.now();
        const r = await projection.rebuild(name, (p) => bar.update(p.applied, p.total, p.eventsPerSecond, p.etaSeconds));
        const secs = (Date.now() - started) / 1000;
        bar.done(`rebuild ${name}: ${r.applied} events in ${secs.toFixed(1)}s, switched`);
        results.push({ projection: name, events: r.applied, seconds: secs });
      }
      if (values.json) printJson(results);
      else out(`rebuilt ${results.map((r) => r.projection).join(', ')}`);
      return 0;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await engine.close();
    }
  },
};
