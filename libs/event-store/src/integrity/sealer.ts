import { sql } from 'kysely';
import { canonicalJson } from '@regledger/shared';
import { toBigInt, type AnyDb } from '@regledger/database';
import type { EventStore } from '../event-store.port.js';
import { sha256 } from '../hashing.js';
import { GENESIS_HASH, START, type LogPosition } from '../types.js';

export interface BlockHeader {
  blockNo: bigint;
  lastPosition: LogPosition;
  lastGlobalPosition: bigint;
  eventCount: number;
  eventsRoot: string;
  prevBlockHash: string;
}

export interface SealedBlock extends BlockHeader {
  blockHash: string;
}

/** The root of a block: the hash of its events' hashes in global order. */
export const eventsRoot = (eventHashes: readonly string[]): string => sha256(eventHashes.join('\n'));

export const blockHash = (h: BlockHeader): string =>
  sha256(
    canonicalJson({
      blockNo: h.blockNo.toString(),
      lastCommit: h.lastPosition.commit.toString(),
      lastPrepare: h.lastPosition.prepare.toString(),
      lastGlobalPosition: h.lastGlobalPosition.toString(),
      eventCount: h.eventCount,
      eventsRoot: h.eventsRoot,
      prevBlockHash: h.prevBlockHash,
    }),
  );

interface BlockRow {
  block_no: string;
  last_commit: string;
  last_prepare: string;
  last_global_position: string;
  event_count: number;
  events_root: string;
  prev_block_hash: string;
  block_hash: string;
}

export const toBlock = (r: BlockRow): SealedBlock => ({
  blockNo: toBigInt(r.block_no),
  lastPosition: { commit: toBigInt(r.last_commit), prepare: toBigInt(r.last_prepare) },
  lastGlobalPosition: toBigInt(r.last_global_position),
  eventCount: Number(r.event_count),
  eventsRoot: r.events_root.trim(),
  prevBlockHash: r.prev_block_hash.trim(),
  blockHash: r.block_hash.trim(),
});

export async function readBlocks(db: AnyDb, afterBlockNo = -1n, limit = 1000): Promise<SealedBlock[]> {
  const r = await sql<BlockRow>`
    select block_no::text, last_commit::text, last_prepare::text, last_global_position::text, event_count, events_root, prev_block_hash, block_hash
    from es_blocks where block_no > ${afterBlockNo.toString()}::bigint order by es_blocks.block_no limit ${limit}`.execute(db);
  return r.rows.map(toBlock);
}

export async function lastBlock(db: AnyDb): Promise<SealedBlock | null> {
  const r = await sql<BlockRow>`
    select block_no::text, last_commit::text, last_prepare::text, last_global_position::text, event_count, events_root, prev_block_hash, block_hash
    from es_blocks order by es_blocks.block_no desc limit 1`.execute(db);
  return r.rows.length ? toBlock(r.rows[0]) : null;
}

export interface SealReport {
  blocksSealed: number;
  eventsSealed: number;
}

/**
 * Folds the events not yet sealed into blocks of at most `blockSize` events. Writers are never held:
 * sealing reads only what the global order has already made final. Two sealers racing for the same
 * block number: one insert wins, the other stops.
 */
export async function seal(store: EventStore, db: AnyDb, options: { blockSize?: number; maxBlocks?: number } = {}): Promise<SealReport> {
  const blockSize = options.blockSize ?? 1000;
  const maxBlocks = options.maxBlocks ?? Number.MAX_SAFE_INTEGER;
  let report: SealReport = { blocksSealed: 0, eventsSealed: 0 };
  let previous = await lastBlock(db);
  while (report.blocksSealed < maxBlocks) {
    const events = await store.readAll({ after: previous ? previous.lastPosition : START, maxCount: blockSize, raw: true });
    if (!events.length) break;
    const last = events[events.length - 1];
    const header: BlockHeader = {
      blockNo: previous ? previous.blockNo + 1n : 0n,
      lastPosition: last.position,
      lastGlobalPosition: last.globalPosition,
      eventCount: events.length,
      eventsRoot: eventsRoot(events.map((e) => e.hash)),
      prevBlockHash: previous ? previous.blockHash : GENESIS_HASH,
    };
    const block: SealedBlock = { ...header, blockHash: blockHash(header) };
    const inserted = await sql`
      insert into es_blocks (block_no, last_commit, last_prepare, last_global_position, event_count, events_root, prev_block_hash, block_hash)
      values (${block.blockNo.toString()}::bigint, ${block.lastPosition.commit.toString()}::numeric, ${block.lastPosition.prepare.toString()}::numeric,
              ${block.lastGlobalPosition.toString()}::bigint, ${block.eventCount}, ${block.eventsRoot}, ${block.prevBlockHash}, ${block.blockHash})
      on conflict (block_no) do nothing`.execute(db);
    if (!inserted.numAffectedRows) break;
    report = { blocksSealed: report.blocksSealed + 1, eventsSealed: report.eventsSealed + events.length };
    previous = block;
  }
  return report;
}
