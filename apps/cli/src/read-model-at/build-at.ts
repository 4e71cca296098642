import type { AnyDb } from '@regledger/database';
import { awaitReadable, type EventStore, type LogPosition, type RecordedEvent } from '@regledger/event-store';
import type { Projection, TableNames } from '@regledger/read-models';

export interface BuildAtProgress {
  /** Events of the log read so far (handled or not). */
  read: number;
  /** Approximate: the head's global position when the build started. */
  total: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

export interface BuiltAt {
  /** The instant the read model stands at. */
  at: Date;
  /** Events of the log recorded at or before `at`. */
  eventsRead: number;
  /** Of those, the events the projection handles. */
  eventsApplied: number;
  /** The last event fed, or null when nothing was recorded by then. */
  lastEvent: { id: string; position: LogPosition; globalPosition: bigint; recordedAt: Date } | null;
}

export class BuildInterruptedError extends Error {
  constructor() {
    super('interrupted');
  }
}

/**
 * Builds `projection` into `tables` (a scratch schema) from every event recorded at or before `at`: the
 * log is read in its global order, in pages, and the build stops at the first event recorded later. The
 * projection's own `createTables` and `apply` are used, so the rows are those the live read model held
 * once it had applied that prefix of the log.
 */
export async function buildProjectionAt(args: {
  store: EventStore;
  db: AnyDb;
  projection: Projection;
  tables: TableNames;
  at: Date;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: BuildAtProgress) => void;
}): Promise<BuiltAt> {
  const { store, db, projection, tables, at } = args;
  const batchSize = args.batchSize ?? 1000;
  const handles = new Set(projection.handles);
  await db.transaction().execute((trx) => projection.createTables(trx, tables));
  await awaitReadable(store, { signal: args.signal }).catch((e: unknown) => {
    throw args.signal?.aborted ? new BuildInterruptedError() : e;
  });
  const head = await store.headPosition();
  const total = Number(head?.globalPosition ?? 0n);
  const started = Date.now();
  let after: LogPosition | undefined;
  let read = 0;
  let applied = 0;
  let last: RecordedEvent | null = null;
  for (;;) {
    if (args.signal?.aborted) throw new BuildInterruptedError();
    const page = await store.readAll({ after, maxCount: batchSize });
    if (!page.length) break;
    const cut = page.findIndex((e) => e.recordedAt.getTime() > at.getTime());
    const prefix = cut < 0 ? page : page.slice(0, cut);
    const handled = prefix.filter((e) => handles.has(e.type));
    if (handled.length) await db.transaction().execute((trx) => projection.apply(trx, handled, tables));
    read += prefix.length;
    applied += handled.length;
    if (prefix.length) last = prefix[prefix.length - 1];
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = read / secs;
    args.onProgress?.({ read, total, eventsPerSecond: rate, etaSeconds: rate > 0 ? Math.max(total - read, 0) / rate : null });
    if (cut >= 0) break;
    after = page[page.length - 1].position;
  }
  return {
    at,
    eventsRead: read,
    eventsApplied: applied,
    lastEvent: last ? { id: last.id, position: last.position, globalPosition: last.globalPosition, recordedAt: last.recordedAt } : null,
  };
}
