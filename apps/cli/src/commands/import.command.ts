import { describeBackends, type Engine } from '@regledger/engine';
import { Progress, UsageError, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';
import { afterImport, importBundle } from '../audit-bundle/import-bundle.js';
import { describeFailure, verifyBundle } from '../audit-bundle/verify-bundle.js';

export const makeImportCommand = (openEngine: () => Promise<Engine> = openCliEngine): CliCommand => ({
  name: 'import',
  summary: 'Verify an audit bundle and import it into an empty store (also: move to another back end).',
  usage: 'import <bundle-dir> [--check] [--batch-size <n>]',
  help: `
  <bundle-dir>       a directory written by "regledger export"
  --check            only verify the bundle (no database is opened); exit 1 if it fails
  --batch-size <n>   events per transaction (default 500)

First the bundle is verified: the sha256 of events.jsonl, the manifest's count, first and last event and
chain hash, every event's hash recomputed, every stream's chain. A bundle that fails is refused naming the
first event at fault; a filtered bundle that starts a stream mid-way is refused. The target (DATABASE_URL,
EVENTSTORE_CONNECTION_STRING or DATA_DIR, as for every command) must be empty, unless it holds the first
events of this same bundle: an interrupted import (Ctrl-C, a crash) resumes after them when run again.
Ids, revisions, recorded and business times, metadata and hashes are kept; positions are the target's own.
At the end the target's blocks are sealed. Stop the API on the target while importing.`,
  options: { check: { type: 'boolean' }, 'batch-size': { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one bundle directory');
    const dir = positionals[0];
    const batchSize = values['batch-size'] === undefined ? 500 : Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new UsageError(`--batch-size must be an integer from 1 to 10000, got "${String(values['batch-size'])}"`);

    if (values.check) {
      const bar = new Progress('verify bundle');
      const started = Date.now();
      const report = await verifyBundle(dir, { onProgress: (n, total) => bar.update(n, total, n / Math.max((Date.now() - started) / 1000, 0.001), null) });
      bar.done(`verify bundle: ${report.eventsChecked} events checked`);
      if (values.json) printJson(report);
      else if (report.ok) {
        out(`OK: ${report.dir} holds ${report.eventsChecked} events of ${report.streams.count} streams; every hash and chain matches the manifest`);
        out(`  chain hash  ${report.manifest.chainHash}`);
        out(report.importable ? '  importable  yes' : `  importable  no: ${report.streams.partialCount} streams are not held from their first event`);
      } else {
        out(`BROKEN bundle ${report.dir}: ${describeFailure(report.firstFailure!)}`);
        if (report.failures.length > 1) out(`  (${report.failures.length - 1} more failures; --json lists them)`);
      }
      return report.ok ? 0 : 1;
    }

    const engine = await openEngine();
    const abort = new AbortController();
    const interrupt = (): void => {
      process.stderr.write('\ninterrupted: stopping after the current batch; run the same import again to resume\n');
      abort.abort();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const bar = new Progress('import');
      const report = await importBundle(engine.store, dir, {
        personalDataKeys: engine.personalData.keys,
        batchSize,
        signal: abort.signal,
        onProgress: (p) => bar.update(p.done, p.total, p.eventsPerSecond, p.etaSeconds),
      });
      const target = describeBackends(engine.config).events;
      if (report.interrupted) {
        bar.done(`import: stopped after ${report.alreadyPresent + report.imported + report.skipped} of ${report.bundle.eventsChecked} events`);
        if (values.json) printJson(report);
        else out(`interrupted: ${report.imported} events imported in this run; run "regledger import ${dir}" again to resume`);
        return 130;
      }
      const after = await afterImport(engine.store, engine.database.db, { blockSize: engine.config.sealBlockSize });
      bar.done(`import: ${report.bundle.eventsChecked} events in ${report.seconds.toFixed(1)}s`);
      if (values.json) printJson({ ...report, bundle: { dir: report.bundle.dir, chainHash: report.bundle.manifest.chainHash, events: report.bundle.eventsChecked }, ...after });
      else {
        out(`bundle ${report.bundle.dir}: verified ${report.bundle.eventsChecked} events (chain hash ${report.bundle.manifest.chainHash})`);
        if (report.alreadyPresent) out(`resumed: ${report.alreadyPresent} events were there from an earlier run`);
        out(`imported ${report.imported} events into ${target} (${await engine.store.logIdentity()}) in ${report.batches} batches`);
        out(`personal-data keys: ${report.keys.imported} imported, ${report.keys.skipped} held already`);
        out(`sealed ${after.seal.eventsSealed} events into ${after.seal.blocksSealed} blocks`);
        if (after.policiesMoved.length) out(`policies moved past the imported events: ${after.policiesMoved.join(', ')}`);
        out('next: "regledger verify", then start the engine (read models build from the log) or "regledger rebuild --all"');
      }
      return 0;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await engine.close();
    }
  },
});

export const importCommand = makeImportCommand();
