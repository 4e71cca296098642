import type { AnyDb } from '@regledger/database';
import { awaitReadable } from '../await-readable.js';
import type { EventStore } from '../event-store.port.js';
import { eventHash } from '../hashing.js';
import { GENESIS_HASH, START, comparePositions, type LogPosition, type RecordedEvent } from '../types.js';
import { blockHash, eventsRoot, readBlocks, type SealedBlock } from './sealer.js';

export type VerificationFailure =
  | {
      kind: 'event';
      reason: 'hash_mismatch' | 'broken_chain' | 'revision_gap';
      eventId: string;
      streamId: string;
      revision: string;
      globalPosition: string;
      expected: string;
      actual: string;
    }
  | {
      kind: 'block';
      reason: 'root_mismatch' | 'hash_mismatch' | 'broken_chain' | 'count_mismatch' | 'missing_events';
      blockNo: string;
      expected: string;
      actual: string;
    };

export interface VerificationReport {
  ok: boolean;
  eventsChecked: number;
  blocksChecked: number;
  /** Events after the last sealed block: chained per stream but not yet folded into a block. */
  unsealedEvents: number;
  firstFailure: VerificationFailure | null;
}

export interface VerifyOptions {
  pageSize?: number;
  onProgress?: (checked: number) => void;
  /** How long to wait for what is committed to become readable before walking the log (default 30 s). */
  readableTimeoutMs?: number;
}

/**
 * Walks the whole log in its global order once, from the moment every event committed before the call can be read: recomputes every event's hash, checks it chains to the
 * previous event of its stream, and recomputes every sealed block. Stops at the first failure.
 */
export async function verifyLog(store: EventStore, db: AnyDb, options: VerifyOptions = {}): Promise<VerificationReport> {
  const pageSize = options.pageSize ?? 2000;
  await awaitReadable(store, { timeoutMs: options.readableTimeoutMs });
  const heads = new Map<string, { revision: bigint; hash: string }>();
  let eventsChecked = 0;
  let blocksChecked = 0;
  let blocks: SealedBlock[] = await readBlocks(db);
  let blockIdx = 0;
  let noMoreBlocks = false;
  let sealedEvents = 0;
  let prevBlockHash = GENESIS_HASH;
  let currentHashes: string[] = [];
  let after: LogPosition = START;
  const fail = (f: VerificationFailure): VerificationReport => ({ ok: false, eventsChecked, blocksChecked, unsealedEvents: 0, firstFailure: f });

  const checkEvent = (e: RecordedEvent): VerificationFailure | null => {
    const base = { kind: 'event' as const, eventId: e.id, streamId: e.streamId, revision: e.revision.toString(), globalPosition: e.globalPosition.toString() };
    const recomputed = eventHash({ ...e, schemaVersion: e.storedSchemaVersion });
    if (recomputed !== e.hash) return { ...base, reason: 'hash_mismatch', expected: recomputed, actual: e.hash };
    const head = heads.get(e.streamId);
    const expectedRevision = head ? head.revision + 1n : 0n;
    if (e.revision !== expectedRevision) return { ...base, reason: 'revision_gap', expected: expectedRevision.toString(), actual: e.revision.toString() };
    const expectedPrev = head ? head.hash : GENESIS_HASH;
    if (e.prevHash !== expectedPrev) return { ...base, reason: 'broken_chain', expected: expectedPrev, actual: e.prevHash };
    heads.set(e.streamId, { revision: e.revision, hash: e.hash });
    return null;
  };

  const closeBlock = (block: SealedBlock, lastEvent: RecordedEvent | null): VerificationFailure | null => {
    const base = { kind: 'block' as const, blockNo: block.blockNo.toString() };
    if (block.prevBlockHash !== prevBlockHash) return { ...base, reason: 'broken_chain', expected: prevBlockHash, actual: block.prevBlockHash };
    if (currentHashes.length !== block.eventCount) return { ...base, reason: 'count_mismatch', expected: String(block.eventCount), actual: String(currentHashes.length) };
    if (!lastEvent || comparePositions(lastEvent.position, block.lastPosition) !== 0)
      return { ...base, reason: 'count_mismatch', expected: `${block.lastPosition.commit}/${block.lastPosition.prepare}`, actual: lastEvent ? `${lastEvent.position.commit}/${lastEvent.position.prepare}` : 'none' };
    const root = eventsRoot(currentHashes);
    if (root !== block.eventsRoot) return { ...base, reason: 'root_mismatch', expected: root, actual: block.eventsRoot };
    const recomputed = blockHash(block);
    if (recomputed !== block.blockHash) return { ...base, reason: 'hash_mismatch', expected: recomputed, actual: block.blockHash };
    prevBlockHash = block.blockHash;
    currentHashes = [];
    blocksChecked += 1;
    return null;
  };

  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize, raw: true });
    if (!page.length) break;
    for (const e of page) {
      const f = checkEvent(e);
      if (f) return fail(f);
      eventsChecked += 1;
      if (blockIdx >= blocks.length && blocks.length > 0 && !noMoreBlocks) {
        const more = await readBlocks(db, blocks[blocks.length - 1].blockNo);
        if (more.length) {
          blocks = more;
          blockIdx = 0;
        } else noMoreBlocks = true;
      }
      const block = blocks[blockIdx];
      if (block) {
        currentHashes.push(e.hash);
        const cmp = comparePositions(e.position, block.lastPosition);
        if (cmp === 0 || currentHashes.length >= block.eventCount) {
          const bf = closeBlock(block, e);
          if (bf) return fail(bf);
          blockIdx += 1;
          sealedEvents += block.eventCount;
        }
      }
    }
    after = page[page.length - 1].position;
    options.onProgress?.(eventsChecked);
  }
  const block = blocks[blockIdx];
  if (block) {
    // A sealed block whose events are not all in the log any more.
    return fail({ kind: 'block', reason: 'missing_events', blockNo: block.blockNo.toString(), expected: String(block.eventCount), actual: String(currentHashes.length) });
  }
  return { ok: true, eventsChecked, blocksChecked, unsealedEvents: eventsChecked - sealedEvents, firstFailure: null };
}
