import { DomainError } from '@regledger/shared';
import type { EventStore } from './event-store.port.js';
import { sleep } from './sleep.js';
import { comparePositions, type LogPosition } from './types.js';

/** How long a one-shot reader waits, by default, for older transactions to let it read what is committed. */
export const READABLE_TIMEOUT_MS = 30_000;

/** Polling interval while an older transaction still holds the log prefix back. */
const READABLE_POLL_MS = 20;

/** The committed log could not be read up to a position in time: an older transaction of the cluster kept running (503). */
export class LogNotReadableError extends DomainError {
  constructor(position: LogPosition, timeoutMs: number) {
    super('EVENT_LOG.NOT_READABLE', 'unavailable', `the log could not be read up to ${position.commit}/${position.prepare} in ${timeoutMs} ms: an older transaction is still running`, {
      position: `${position.commit}/${position.prepare}`,
      timeoutMs,
    });
  }
}

export interface AwaitReadableOptions {
  /** The position to wait for; by default the last event committed when the call began. */
  upTo?: LogPosition | null;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Resolves, with the position waited for (null for an empty log), once `readAll` can return every event up to it.
 * On PostgreSQL an event committed by a younger transaction stays unreadable while an older one of the cluster still
 * runs (the log's order is final only below the oldest running transaction); a one-shot reader (seal, verify, export,
 * an audit search) that must take in everything committed before it began calls this first. Other stores resolve at once.
 */
export async function awaitReadable(store: Pick<EventStore, 'headPosition'>, options: AwaitReadableOptions = {}): Promise<LogPosition | null> {
  const target = options.upTo !== undefined ? options.upTo : ((await store.headPosition({ committed: true }))?.position ?? null);
  if (!target) return null;
  const timeoutMs = options.timeoutMs ?? READABLE_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    const visible = await store.headPosition();
    if (visible && comparePositions(visible.position, target) >= 0) return target;
    if (Date.now() > deadline) throw new LogNotReadableError(target, timeoutMs);
    await sleep(READABLE_POLL_MS, options.signal);
  }
}
