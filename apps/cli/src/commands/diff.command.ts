import { Progress, UsageError, out, printJson, optionList, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';
import { BuildInterruptedError } from '../read-model-at/build-at.js';
import { interruptible } from '../read-model-at/interrupt.js';
import { findProjection, parseInstant, pickTables, readModelAt } from '../read-model-at/read-model-at.js';
import { diffRows, type TableDiff } from '../read-model-at/row-diff.js';
import { ScratchSchemas } from '../read-model-at/scratch-schema.js';
import { parseFilters } from '../read-model-at/table-rows.js';
import { asOfJson, describeBuild, usage } from './as-of.command.js';


const value = (v: unknown): string => JSON.stringify(v ?? null);

const printTableDiff = (d: TableDiff): void => {
  out(`${d.table}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`);
  for (const a of d.added) out(`  + ${a.key}  ${JSON.stringify(a.row)}`);
  for (const r of d.removed) out(`  - ${r.key}  ${JSON.stringify(r.row)}`);
  for (const c of d.changed) {
    out(`  ~ ${c.key}`);
    for (const [column, { from, to }] of Object.entries(c.changes)) out(`      ${column}: ${value(from)} → ${value(to)}`);
  }
};

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'What changed in a read model between two times: rows added, removed and changed.',
  usage: 'diff <read model> --at <instant> --at <instant> [--table <name>]... [--filter <column>=<value>]...',
  help: `
  <read model>              a projection name (see: regledger projections status), e.g. declarations
  --at <instant>            given twice: the earlier and the later time (ISO 8601 with offset, or "now")
  --table <name>            only this table of the read model (repeatable; default: all its tables)
  --filter <column>=<value> only rows whose column, as text, equals the value (repeatable)

Builds the read model as it stood at each time (as regledger as-of does, each into its own scratch
schema, dropped afterwards) and matches the rows of each table by primary key: "+" a row added, "-" a
row removed, "~" a row changed, with each changed column's value before and after.`,
  options: { at: { type: 'string', multiple: true }, table: { type: 'string', multiple: true }, filter: { type: 'string', multiple: true } },
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('name one read model');
    const ats = optionList(values.at);
    if (ats.length !== 2) throw new UsageError('give --at twice: the earlier time and the later one');
    const [from, to] = ats.map((a) => usage(() => parseInstant(a)));
    if (from.getTime() > to.getTime()) throw new UsageError(`the first --at (${from.toISOString()}) must not be later than the second (${to.toISOString()})`);
    const filters = usage(() => parseFilters(optionList(values.filter)));
    const engine = await openCliEngine();
    const scratch = new ScratchSchemas(engine.database);
    try {
      const projection = usage(() => findProjection(engine, positionals[0]));
      const tables = usage(() => pickTables(projection, optionList(values.table)));
      const removed = await scratch.removeLeftovers();
      if (removed.length) process.stderr.write(`removed scratch schemas left by an interrupted run: ${removed.join(', ')}\n`);
      const [before, after] = await interruptible(async (signal) => {
        const built = [];
        for (const at of [from, to]) {
          const bar = new Progress(`as-of ${projection.name} ${at.toISOString()}`);
          const m = await usage(() =>
            readModelAt(engine, scratch, projection, at, { tables: optionList(values.table).length ? tables : [], filters, signal, onProgress: (p) => bar.update(p.read, p.total, p.eventsPerSecond, p.etaSeconds) }),
          );
          bar.done(describeBuild(m));
          built.push(m);
        }
        return built;
      });
      const diffs = after.tables.map((t) => diffRows(t.name, t.shape, before.tables.find((b) => b.name === t.name)?.rows ?? [], t.rows));
      if (values.json) {
        const { tables: _a, ...fromJson } = asOfJson(before);
        const { tables: _b, ...toJson } = asOfJson(after);
        printJson({ readModel: projection.name, from: fromJson, to: toJson, tables: diffs });
      } else {
        out(`${projection.name} from ${from.toISOString()} to ${to.toISOString()}`);
        for (const d of diffs) printTableDiff(d);
      }
      return 0;
    } catch (e) {
      if (e instanceof BuildInterruptedError) {
        process.stderr.write('diff interrupted: nothing was kept\n');
        return 130;
      }
      throw e;
    } finally {
      await scratch.close();
      await engine.close();
    }
  },
};
