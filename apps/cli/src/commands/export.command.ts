import type { Engine } from '@regledger/engine';
import { Progress, UsageError, out, printJson, optionList, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';
import { exportBundle, partialDirOf } from '../audit-bundle/export-bundle.js';
import { BundleError, hasFilters, parseInstant, type BundleFilters } from '../audit-bundle/bundle-format.js';


const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The filters as the command line gives them; a bad value is a usage error naming the option. */
export const filtersFrom = (values: Record<string, string | boolean | string[] | undefined>): BundleFilters => {
  const instant = (name: 'from' | 'to'): string | null => {
    const v = values[name];
    if (typeof v !== 'string') return null;
    try {
      return parseInstant(v, `--${name}`);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  const filters: BundleFilters = { from: instant('from'), to: instant('to'), streams: optionList(values.stream), types: optionList(values.type), usccs: optionList(values.uscc) };
  if (filters.from && filters.to && filters.from >= filters.to) throw new UsageError(`--from (${filters.from}) must be before --to (${filters.to})`);
  for (const s of filters.streams) if (!s || s === '*' || s.slice(0, -1).includes('*')) throw new UsageError(`--stream "${s}": give a stream id, or a prefix ending with *`);
  for (const u of filters.usccs) if (!USCC_SHAPE.test(u)) throw new UsageError(`--uscc "${u}": a unified social credit code is 18 characters (digits and capital letters, no I, O, S, V, Z)`);
  return filters;
};

const defaultOut = (now: Date): string => `audit-bundle-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;

export const makeExportCommand = (openEngine: () => Promise<Engine> = openCliEngine): CliCommand => ({
  name: 'export',
  summary: 'Export an audit bundle: the recorded events (JSON Lines) with a manifest of hashes.',
  usage: 'export [--out <dir>] [--from <time>] [--to <time>] [--stream <id|prefix*>]… [--type <type>]… [--uscc <code>]… [--without-personal-data-keys] [--force]',
  help: `
  --out <dir>            the bundle directory to create (default ./audit-bundle-<UTC time>)
  --from <time>          events recorded at or after this time
  --to <time>            events recorded before this time
                         (a date YYYY-MM-DD is the start of that day in China time; or an ISO 8601 instant)
  --stream <id|prefix*>  events of this stream, or of every stream starting with the prefix (repeatable)
  --type <type>          events of this type (repeatable)
  --uscc <code>          events whose stream id or data names this enterprise (repeatable)
  --force                replace an existing bundle at --out
  --without-personal-data-keys
                         leave out personal-data-keys.json (the keys of the personal data sealed in the
                         exported events): wherever the bundle is imported, that data reads as unavailable

Filters of different kinds all apply; the values of one kind are alternatives. The bundle holds the log
up to its head when the export starts, in the log's order, each event exactly as stored (data never
upcast) with its hashes and its position in this log. events.jsonl is written under <out>.partial and
renamed at the end: an interrupted export (Ctrl-C) leaves no bundle, and running it again starts over.
Only a bundle that holds whole streams (no --from, --type or --uscc) can be imported. The keys file holds
the keys still in use (never erased ones) of the personal data in the exported events, outside the chain
hash: keep a bundle with keys as confidential as the database.
With the embedded database, stop the API first (one process at a time opens it).`,
  options: {
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    stream: { type: 'string', multiple: true },
    type: { type: 'string', multiple: true },
    uscc: { type: 'string', multiple: true },
    force: { type: 'boolean' },
    'without-personal-data-keys': { type: 'boolean' },
  },
  async run({ values }) {
    const filters = filtersFrom(values);
    const outDir = typeof values.out === 'string' ? values.out : defaultOut(new Date());
    const engine = await openEngine();
    const abort = new AbortController();
    const interrupt = (): void => abort.abort();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const bar = new Progress('export');
      const r = await exportBundle(engine.store, {
        out: outDir,
        filters,
        force: values.force === true,
        signal: abort.signal,
        integrityDb: engine.database.db,
        personalDataKeys: values['without-personal-data-keys'] === true ? null : engine.personalData.keys,
        onProgress: (p) => bar.update(p.scanned, p.total, p.eventsPerSecond, p.etaSeconds),
      });
      const m = r.manifest;
      bar.done(`export: ${r.scanned} events read, ${m.count} exported in ${r.seconds.toFixed(1)}s`);
      if (values.json) printJson({ dir: r.dir, manifest: m });
      else {
        out(`exported ${m.count} events of ${m.streams.count} streams${hasFilters(filters) ? ' (filtered)' : ''} to ${r.dir}`);
        out(`  source        ${m.source.logIdentity}`);
        if (m.first && m.last) out(`  recorded      ${m.first.recordedAt} … ${m.last.recordedAt}`);
        out(`  events.jsonl  sha256 ${m.eventsFile.sha256} (${m.eventsFile.bytes} bytes)`);
        out(`  chain hash    ${m.chainHash}`);
        out(
          m.importable
            ? '  importable    yes: every stream is held from its first event'
            : `  importable    no: ${m.streams.partialCount} streams start mid-way or have gaps (e.g. ${m.streams.partial[0].streamId})`,
        );
      }
      return 0;
    } catch (e) {
      if (e instanceof BundleError && e.code === 'BUNDLE.INTERRUPTED') {
        process.stderr.write(`\n${e.message} (removed ${partialDirOf(outDir)})\n`);
        return 130;
      }
      throw e;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await engine.close();
    }
  },
});

export const exportCommand = makeExportCommand();
