import { keyText, rowKey, type Row, type TableShape } from './table-rows.js';

export interface ChangedRow {
  key: string;
  /** Only the columns that differ. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface TableDiff {
  table: string;
  primaryKey: string[];
  added: { key: string; row: Row }[];
  removed: { key: string; row: Row }[];
  changed: ChangedRow[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Rows of one table at two times, matched by primary key: added, removed and changed (column by column). */
export function diffRows(table: string, shape: Pick<TableShape, 'primaryKey'>, before: readonly Row[], after: readonly Row[]): TableDiff {
  const old = new Map(before.map((r) => [rowKey(shape, r), r]));
  const now = new Map(after.map((r) => [rowKey(shape, r), r]));
  const diff: TableDiff = { table, primaryKey: [...shape.primaryKey], added: [], removed: [], changed: [] };
  for (const [k, r] of now) {
    const was = old.get(k);
    if (!was) {
      diff.added.push({ key: keyText(shape, r), row: r });
      continue;
    }
    const changes: ChangedRow['changes'] = {};
    for (const column of new Set([...Object.keys(was), ...Object.keys(r)])) {
      if (!same(was[column], r[column])) changes[column] = { from: was[column] ?? null, to: r[column] ?? null };
    }
    if (Object.keys(changes).length) diff.changed.push({ key: keyText(shape, r), changes });
  }
  for (const [k, r] of old) if (!now.has(k)) diff.removed.push({ key: keyText(shape, r), row: r });
  return diff;
}
