import { describeBackends } from '@regledger/engine';
import { out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Create or upgrade the tables of the log and of the read models.',
  usage: 'migrate',
  help: 'Applies every migration not yet applied (each in its own transaction) and reports them.\nThe API and the projector also do this when they start.',
  options: {},
  async run({ values }) {
    const engine = await openCliEngine();
    try {
      const report = engine.migrationReport;
      const projection = engine.projectionEngine();
      await projection.prepare();
      if (values.json) printJson({ ...report, backends: describeBackends(engine.config) });
      else {
        const b = describeBackends(engine.config);
        out(`migrations: ${report.applied.length} applied${report.applied.length ? ` (${report.applied.join(', ')})` : ''}, ${report.alreadyApplied} already in place; log on ${b.events}, read models on ${b.readModels}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
