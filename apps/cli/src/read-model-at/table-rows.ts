import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';

/** A row as JSON: dates as ISO text, numbers as numbers, jsonb as it is stored. */
export type Row = Record<string, unknown>;

/** An equality filter on one column, compared as text (`status=active`, `uscc=9144…`, `late=true`). */
export interface ColumnFilter {
  column: string;
  value: string;
}

export interface TableShape {
  /** `<schema>.<table>` */
  qualified: string;
  columns: string[];
  /** Primary-key columns in key order; empty when the table has none (the whole row is then its key). */
  primaryKey: string[];
}

const splitQualified = (qualified: string): { schema: string; table: string } => {
  const [schema, table] = qualified.split('.');
  return { schema, table };
};

export async function tableShape(db: AnyDb, qualified: string): Promise<TableShape> {
  const { schema, table } = splitQualified(qualified);
  const columns = await sql<{ name: string }>`
    select column_name as name from information_schema.columns
    where table_schema = ${schema} and table_name = ${table} order by ordinal_position`.execute(db);
  const pk = await sql<{ name: string }>`
    select a.attname as name
    from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(${qualified}) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return { qualified, columns: columns.rows.map((r) => r.name), primaryKey: pk.rows.map((r) => r.name) };
}

/** Filters naming columns the table does not have are refused here, before any SQL is built. */
export const unknownFilterColumns = (shape: TableShape, filters: readonly ColumnFilter[]): string[] =>
  filters.filter((f) => !shape.columns.includes(f.column)).map((f) => f.column);

/** The table's rows in primary-key order (the whole row's text when it has no key), filtered. */
export async function readRows(db: AnyDb, shape: TableShape, options: { filters?: readonly ColumnFilter[]; limit?: number } = {}): Promise<Row[]> {
  const filters = options.filters ?? [];
  const unknown = unknownFilterColumns(shape, filters);
  if (unknown.length) throw new Error(`${shape.qualified} has no column ${unknown.join(', ')}`);
  const where: RawBuilder<unknown>[] = [sql`true`, ...filters.map((f) => sql`${sql.ref(`x.${f.column}`)}::text = ${f.value}`)];
  const order = shape.primaryKey.length ? sql.join(shape.primaryKey.map((c) => sql.ref(`x.${c}`))) : sql`to_jsonb(x)::text`;
  const limit = options.limit === undefined ? sql`` : sql`limit ${options.limit}`;
  const { rows } = await sql<{ row: Row | string }>`
    select to_jsonb(x) as row from ${sql.table(shape.qualified)} x where ${sql.join(where, sql` and `)} order by ${order} ${limit}`.execute(db);
  // Columns in the table's order, as psql would show them (jsonb orders keys by length).
  return rows.map((r) => {
    const row = typeof r.row === 'string' ? (JSON.parse(r.row) as Row) : r.row;
    return Object.fromEntries(shape.columns.map((c) => [c, row[c] ?? null]));
  });
}

/** A row's key: its primary-key values, or the whole row when the table has no key. */
export const rowKey = (shape: Pick<TableShape, 'primaryKey'>, row: Row): string =>
  JSON.stringify(shape.primaryKey.length ? shape.primaryKey.map((c) => row[c]) : row);

/** The key as the analyst reads it: `id` or `(id, 2)`. */
export const keyText = (shape: Pick<TableShape, 'primaryKey'>, row: Row): string => {
  const values = shape.primaryKey.map((c) => String(row[c]));
  return values.length === 1 ? values[0] : `(${values.join(', ')})`;
};

/** `column=value` options as filters; refuses anything else. */
export const parseFilters = (raw: readonly string[]): ColumnFilter[] =>
  raw.map((text) => {
    const m = /^([a-z_][a-z0-9_]*)=(.*)$/s.exec(text);
    if (!m) throw new RangeError(`--filter takes column=value (a column of the read model's table), got "${text}"`);
    return { column: m[1], value: m[2] };
  });
