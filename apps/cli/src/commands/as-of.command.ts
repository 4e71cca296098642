import { renameSync, writeFileSync } from 'node:fs';
import { Progress, UsageError, out, printJson, optionList, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';
import { BuildInterruptedError } from '../read-model-at/build-at.js';
import { interruptible } from '../read-model-at/interrupt.js';
import { findProjection, parseInstant, pickTables, readModelAt, type ReadModelAt } from '../read-model-at/read-model-at.js';
import { ScratchSchemas } from '../read-model-at/scratch-schema.js';
import { parseFilters } from '../read-model-at/table-rows.js';


/** `--limit`: a whole number of rows per table. */
export const parseLimit = (raw: string | boolean | string[] | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError('--limit must be a whole number of rows, 1 or more');
  return Number(raw);
};

const asUsageError = (e: unknown): never => {
  throw e instanceof RangeError ? new UsageError(e.message) : e;
};

/** Turns a bad option value (unknown read model, malformed time or filter) into a usage error, thrown now or by the promise. */
export const usage = <T>(f: () => T): T => {
  try {
    const result = f();
    return (result instanceof Promise ? result.catch(asUsageError) : result) as T;
  } catch (e) {
    return asUsageError(e);
  }
};

export const describeBuild = (m: ReadModelAt): string => {
  const b = m.built;
  const last = b.lastEvent ? `; last event ${b.lastEvent.id} (global position ${b.lastEvent.globalPosition}) recorded ${b.lastEvent.recordedAt.toISOString()}` : '; nothing recorded by then';
  return `${m.readModel} as of ${b.at.toISOString()}: ${b.eventsRead} events recorded by then, ${b.eventsApplied} applied${last}`;
};

export const asOfJson = (m: ReadModelAt) => ({
  readModel: m.readModel,
  at: m.built.at.toISOString(),
  eventsRead: m.built.eventsRead,
  eventsApplied: m.built.eventsApplied,
  lastEvent: m.built.lastEvent
    ? { id: m.built.lastEvent.id, globalPosition: m.built.lastEvent.globalPosition.toString(), recordedAt: m.built.lastEvent.recordedAt.toISOString() }
    : null,
  tables: Object.fromEntries(m.tables.map((t) => [t.name, t.rows])),
});

export const asOfCommand: CliCommand = {
  name: 'as-of',
  summary: 'A read model as it stood at a past time, rebuilt from the log into a scratch schema.',
  usage: 'as-of <read model> --at <instant> [--table <name>]... [--filter <column>=<value>]... [--limit <n>] [--out <file.jsonl>]',
  help: `
  <read model>              a projection name (see: regledger projections status), e.g. declarations
  --at <instant>            ISO 8601 instant with its offset (2026-03-01T18:00:00+08:00), or "now"
  --table <name>            only this table of the read model (repeatable; default: all its tables)
  --filter <column>=<value> only rows whose column, as text, equals the value (repeatable, all must hold);
                            without --table, only the tables having those columns are shown
  --limit <n>               at most n rows per table
  --out <file.jsonl>        write the rows as JSON Lines ({"table": …, "row": {…}}) instead of printing them

Builds the read model with its own projection code into a private schema (asof_<random>) from every
event recorded at or before the instant, in the log's global order, then reads its rows and drops the
schema. The live read models are not touched. Interrupted (Ctrl-C), it drops the schema; one left by a
crash is removed by the next as-of or diff.`,
  options: { at: { type: 'string' }, table: { type: 'string', multiple: true }, filter: { type: 'string', multiple: true }, limit: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('name one read model');
    if (typeof values.at !== 'string') throw new UsageError('--at is required');
    const at = usage(() => parseInstant(values.at as string));
    const filters = usage(() => parseFilters(optionList(values.filter)));
    const limit = parseLimit(values.limit);
    const engine = await openCliEngine();
    const scratch = new ScratchSchemas(engine.database);
    try {
      const projection = usage(() => findProjection(engine, positionals[0]));
      const tables = usage(() => pickTables(projection, optionList(values.table)));
      const removed = await scratch.removeLeftovers();
      if (removed.length) process.stderr.write(`removed scratch schemas left by an interrupted run: ${removed.join(', ')}\n`);
      const bar = new Progress(`as-of ${projection.name}`);
      const model = await interruptible((signal) =>
        usage(() => readModelAt(engine, scratch, projection, at, { tables: optionList(values.table).length ? tables : [], filters, limit, signal, onProgress: (p) => bar.update(p.read, p.total, p.eventsPerSecond, p.etaSeconds) })),
      );
      bar.done(describeBuild(model));
      if (typeof values.out === 'string') {
        const lines = model.tables.flatMap((t) => t.rows.map((row) => JSON.stringify({ table: t.name, row })));
        const partial = `${values.out}.partial`;
        writeFileSync(partial, lines.length ? `${lines.join('\n')}\n` : '');
        renameSync(partial, values.out);
        if (values.json) printJson({ ...asOfJson(model), tables: Object.fromEntries(model.tables.map((t) => [t.name, t.rows.length])), out: values.out });
        else out(`wrote ${lines.length} rows (${model.tables.map((t) => `${t.name} ${t.rows.length}`).join(', ')}) to ${values.out}`);
      } else if (values.json) printJson(asOfJson(model));
      else {
        for (const t of model.tables) {
          out(`${t.name}: ${t.rows.length} rows${t.shape.primaryKey.length ? ` (key ${t.shape.primaryKey.join(', ')})` : ''}`);
          for (const row of t.rows) out(`  ${JSON.stringify(row)}`);
        }
      }
      return 0;
    } catch (e) {
      if (e instanceof BuildInterruptedError) {
        process.stderr.write('as-of interrupted: nothing was kept\n');
        return 130;
      }
      throw e;
    } finally {
      await scratch.close();
      await engine.close();
    }
  },
};
