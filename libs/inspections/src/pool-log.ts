/**
 * Reading a pool from the log (docs/draw-algorithm.md §11): the draw fixes it at the committed head, the verification rebuilds it
 * at the recorded position, and GET /inspection-pool shows it at the head now. All three read the log the same way here.
 */
import { DomainError } from '@regledger/shared';
import { LogNotReadableError, START, awaitReadable, comparePositions, type EventStore, type LogPosition, type RecordedEvent } from '@regledger/event-store';
import type { PoolBasis } from './domain/plan/plan.events.js';
import { buildPool, type BuiltPool, type PoolParameters } from './domain/pool/pool.rules.js';

const PAGE = 1000;

/** The log could not be read up to the pool position in time (503). */
export const POOL_LOG_NOT_READABLE = 'INSPECTION_POOL.LOG_NOT_READABLE';

/** A pool position as a pool basis records it: decimal strings. */
export type BasisPosition = PoolBasis['position'];

/** The committed head of the log now: the position a pool is fixed at (docs/draw-algorithm.md §11). Null for an empty log. */
export const committedHead = async (store: EventStore): Promise<LogPosition | null> => (await store.headPosition({ committed: true }))?.position ?? null;

/** A position as recorded in a pool basis (decimal strings), back to a LogPosition. */
export const positionFromBasis = (p: BasisPosition): LogPosition => ({ commit: BigInt(p.commit), prepare: BigInt(p.prepare) });

/** A LogPosition as a pool basis records it. */
export const positionToBasis = (p: LogPosition): BasisPosition => ({ commit: p.commit.toString(), prepare: p.prepare.toString() });

/**
 * Every event of the log at or before `position`, in log order. Waits (up to `timeoutMs`) until readers can see the whole
 * prefix: an older transaction still committing holds the prefix back on PostgreSQL.
 */
export const readLogUpTo = async (store: EventStore, position: LogPosition, timeoutMs: number): Promise<RecordedEvent[]> => {
  try {
    await awaitReadable(store, { upTo: position, timeoutMs });
  } catch (e) {
    if (e instanceof LogNotReadableError) throw new DomainError(POOL_LOG_NOT_READABLE, 'unavailable', e.message);
    throw e;
  }
  const out: RecordedEvent[] = [];
  let after: LogPosition = START;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const e of page) {
      const order = comparePositions(e.position, position);
      if (order > 0) return out;
      out.push(e);
      if (order === 0) return out;
    }
    if (page.length < PAGE) return out;
    after = page[page.length - 1].position;
  }
};

/**
 * Every event of the log up to and including the event `lastEventId`, in log order; null when the log holds no such
 * event. Used where a recorded position may belong to the store the log was moved from (docs/draw-algorithm.md §11).
 */
export const readLogUpToEvent = async (store: EventStore, lastEventId: string): Promise<RecordedEvent[] | null> => {
  const out: RecordedEvent[] = [];
  let after: LogPosition = START;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const e of page) {
      out.push(e);
      if (e.id === lastEventId) return out;
    }
    if (page.length < PAGE) return null;
    after = page[page.length - 1].position;
  }
};

/** A pool as the log holds it at a position, how many events were read to build it, and the id of the last one. */
export interface PoolAtPosition {
  pool: BuiltPool;
  eventsRead: number;
  lastEventId: string | null;
}

/** The pool built with `params` from a log prefix (docs/draw-algorithm.md §11). */
export const poolOf = (log: readonly RecordedEvent[], params: PoolParameters): PoolAtPosition => ({
  pool: buildPool(log, params),
  eventsRead: log.length,
  lastEventId: log.length ? log[log.length - 1].id : null,
});

/** The pool the log holds at `position` (null: the empty log), built with `params` (docs/draw-algorithm.md §11). */
export const poolAt = async (store: EventStore, position: LogPosition | null, params: PoolParameters, timeoutMs: number): Promise<PoolAtPosition> =>
  poolOf(position === null ? [] : await readLogUpTo(store, position, timeoutMs), params);
