import { ImportRefusedError } from './errors.js';
import { eventHash } from './hashing.js';
import { GENESIS_HASH, type EventToImport } from './types.js';

/** A stream's last event as a store holds it before an import: its revision and hash (null: no stream yet). */
export type StreamHead = { revision: bigint; hash: string } | null;

/** The same event already stored: same stream, revision and hash. */
export const sameStoredEvent = (e: EventToImport, stored: { streamId: string; revision: bigint; hash: string }): boolean =>
  stored.streamId === e.streamId && stored.revision === e.revision && stored.hash === e.hash;

/**
 * Checks a batch to import against the streams' heads in the store, in order: every hash is the engine's
 * hash of the event's content, and every event continues its stream (revision = last + 1, prevHash = the
 * last hash). Events whose id the store already holds (`stored`) must be the same event, and are left out.
 * Returns the events to write. Throws `ImportRefusedError` naming the first event that fails.
 */
export function planImport(
  events: readonly EventToImport[],
  heads: ReadonlyMap<string, StreamHead>,
  stored: ReadonlyMap<string, { streamId: string; revision: bigint; hash: string }>,
): { write: EventToImport[]; skipped: number } {
  const current = new Map(heads);
  const write: EventToImport[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  for (const e of events) {
    const refuse = (reason: ConstructorParameters<typeof ImportRefusedError>[0], detail: string): never => {
      throw new ImportRefusedError(reason, e.id, e.streamId, e.revision, detail);
    };
    const recomputed = eventHash(e);
    if (recomputed !== e.hash) refuse('hash_mismatch', `its content hashes to ${recomputed}, not to the recorded ${e.hash}`);
    if (seen.has(e.id)) refuse('conflicting_event', 'the id appears twice in the batch');
    seen.add(e.id);
    const already = stored.get(e.id);
    if (already) {
      if (!sameStoredEvent(e, already)) refuse('conflicting_event', `the store holds another event with this id (stream ${already.streamId} revision ${already.revision})`);
      skipped += 1;
      continue;
    }
    const head = current.has(e.streamId) ? current.get(e.streamId)! : null;
    const expectedRevision = head ? head.revision + 1n : 0n;
    if (e.revision !== expectedRevision) refuse('revision_gap', `the stream's next revision here is ${expectedRevision}`);
    const expectedPrev = head ? head.hash : GENESIS_HASH;
    if (e.prevHash !== expectedPrev) refuse('broken_chain', `its prevHash ${e.prevHash} is not the hash of the stream's previous event here (${expectedPrev})`);
    current.set(e.streamId, { revision: e.revision, hash: e.hash });
    write.push(e);
  }
  return { write, skipped };
}
