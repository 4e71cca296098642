import { DomainError } from '@regledger/shared';
import { START, comparePositions, sleep, type EventStore, type LogPosition, type RecordedEvent } from '@regledger/event-store';

const PAGE = 1000;

/** The committed head of the log now: the position a pool is fixed at (docs/draw-algorithm.md §11). Null for an empty log. */
export const committedHead = async (store: EventStore): Promise<LogPosition | null> => (await store.headPosition({ committed: true }))?.position ?? null;

/** A position as recorded in a pool basis (decimal strings), back to a LogPosition. */
export const positionFromBasis = (p: { commit: string; prepare: string }): LogPosition => ({ commit: BigInt(p.commit), prepare: BigInt(p.prepare) });

/** A LogPosition as a pool basis records it. */
export const positionToBasis = (p: LogPosition): { commit: string; prepare: string } => ({ commit: p.commit.toString(), prepare: p.prepare.toString() });

/**
 * Every event of the log at or before `position`, in log order. Waits (up to `timeoutMs`) until readers can see the whole
 * prefix: an older transaction still committing holds the prefix back on PostgreSQL.
 */
export const readLogUpTo = async (store: EventStore, position: LogPosition, timeoutMs: number): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  let after: LogPosition = START;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const e of page) {
      const order = comparePositions(e.position, position);
      if (order > 0) return out;
      out.push(e);
      if (order === 0) return out;
    }
    if (page.length > 0) after = page[page.length - 1].position;
    if (page.length === PAGE) continue;
    if (Date.now() > deadline) {
      throw new DomainError('INSPECTION_POOL.LOG_NOT_READABLE', 'unavailable', `the log could not be read up to ${position.commit}/${position.prepare} in ${timeoutMs} ms`);
    }
    await sleep(20);
  }
};
