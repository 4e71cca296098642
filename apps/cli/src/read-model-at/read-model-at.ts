import type { Engine } from '@regledger/engine';
import { schemaTables, type Projection } from '@regledger/read-models';
import { buildProjectionAt, type BuildAtProgress, type BuiltAt } from './build-at.js';
import type { ScratchSchemas } from './scratch-schema.js';
import { readRows, tableShape, unknownFilterColumns, type ColumnFilter, type Row, type TableShape } from './table-rows.js';

/** An ISO 8601 instant with its offset (`2026-03-01T10:00:00Z`, `2026-03-01T18:00:00+08:00`), or `now`. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const parseInstant = (text: string, now: () => Date = () => new Date()): Date => {
  if (text === 'now') return now();
  const ms = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`--at takes an ISO 8601 instant with its offset (2026-03-01T10:00:00Z, 2026-03-01T18:00:00+08:00) or "now", got "${text}"`);
  return new Date(ms);
};

export const findProjection = (engine: Engine, name: string): Projection => {
  const p = engine.projections.find((x) => x.name === name);
  if (!p) throw new RangeError(`unknown read model "${name}"; known: ${engine.projections.map((x) => x.name).join(', ')} (regledger projections status)`);
  return p;
};

/** Which of the projection's tables to show: all by default; names outside it are refused. */
export const pickTables = (p: Projection, wanted: readonly string[]): string[] => {
  const unknown = wanted.filter((t) => !p.tables.includes(t));
  if (unknown.length) throw new RangeError(`read model ${p.name} has no table ${unknown.join(', ')}; its tables: ${p.tables.join(', ')}`);
  return wanted.length ? p.tables.filter((t) => wanted.includes(t)) : [...p.tables];
};

export interface TableAt {
  /** The table's base name, as the live read model names it. */
  name: string;
  shape: TableShape;
  rows: Row[];
}

export interface ReadModelAt {
  readModel: string;
  built: BuiltAt;
  tables: TableAt[];
}

/**
 * The read model as it stood at `at`: built into a fresh scratch schema, its rows read, the schema dropped
 * (also when the build fails or is interrupted).
 */
export async function readModelAt(
  engine: Engine,
  scratch: ScratchSchemas,
  projection: Projection,
  at: Date,
  options: { tables?: readonly string[]; filters?: readonly ColumnFilter[]; limit?: number; signal?: AbortSignal; onProgress?: (p: BuildAtProgress) => void } = {},
): Promise<ReadModelAt> {
  const schema = await scratch.create();
  try {
    const tables = schemaTables(projection, schema.name);
    const built = await buildProjectionAt({
      store: engine.store,
      db: engine.database.db,
      projection,
      tables,
      at,
      batchSize: Math.max(engine.config.projectionBatchSize, 1000),
      signal: options.signal,
      onProgress: options.onProgress,
    });
    const out: TableAt[] = [];
    const filters = options.filters ?? [];
    const explicit = (options.tables ?? []).length > 0;
    for (const name of pickTables(projection, options.tables ?? [])) {
      const shape = await tableShape(engine.database.db, tables[name]);
      const missing = unknownFilterColumns(shape, filters);
      // Without --table, filters pick the tables that have their columns; a table named with --table must have them all.
      if (missing.length && !explicit) continue;
      if (missing.length) throw new RangeError(`table ${name} has no column ${missing.join(', ')}; its columns: ${shape.columns.join(', ')}`);
      out.push({ name, shape, rows: await readRows(engine.database.db, shape, { filters, limit: options.limit }) });
    }
    if (filters.length && !out.length) throw new RangeError(`no table of read model ${projection.name} has the columns ${filters.map((f) => f.column).join(', ')}`);
    return { readModel: projection.name, built, tables: out };
  } finally {
    await schema.drop();
  }
}
