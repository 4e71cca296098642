import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AnyDb } from '@regledger/database';
import { START, awaitReadable, comparePositions, lastBlock, type EventStore, type LogPosition } from '@regledger/event-store';
import { sealedIn, type PersonalDataKeyStore } from '@regledger/personal-data';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleError,
  ChainHasher,
  EVENTS_FILE,
  KEYS_FILE,
  MANIFEST_FILE,
  StreamTracker,
  edgeOf,
  engineVersion,
  matchesFilters,
  toBundleEvent,
  type BundleEvent,
  type BundleFilters,
  type BundleManifest,
} from './bundle-format.js';

export interface ExportProgress {
  /** Events of the log read so far. */
  scanned: number;
  /** Of which written to the bundle. */
  exported: number;
  /** Events in the log up to the head taken at the start (null when the back end cannot count them). */
  total: number | null;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

export interface ExportOptions {
  /** The bundle directory to create. */
  out: string;
  filters: BundleFilters;
  /** Replace an existing bundle at `out`. */
  force?: boolean;
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** Where the source's sealed blocks live (the manifest names the last one); none for no anchor. */
  integrityDb?: AnyDb | null;
  /** The time written as `createdAt` (default: now). */
  now?: () => Date;
  /**
   * Where the keys of sealed personal data live: the keys the exported events were sealed with, those still
   * in use, go to the bundle's keys file, so an import can read them; none for a bundle without keys (its
   * personal data reads as unavailable wherever it is imported).
   */
  personalDataKeys?: PersonalDataKeyStore | null;
}

export interface ExportResult {
  dir: string;
  manifest: BundleManifest;
  scanned: number;
  seconds: number;
}

/** Where an export in progress writes; renamed to the bundle's name only once complete. */
export const partialDirOf = (out: string): string => `${resolve(out)}.partial`;

const exportInterrupted = (): BundleError => new BundleError('BUNDLE.INTERRUPTED', 'export interrupted: no bundle was written; run it again to start over');

/**
 * Exports the events of the log that pass the filters, up to the head of the log when the export
 * starts, into a bundle directory. Everything is written under `<out>.partial` and renamed to `<out>`
 * at the end: an interrupted export leaves no bundle, only a `.partial` directory that the next run
 * removes before it starts over from the beginning.
 */
export async function exportBundle(store: EventStore, options: ExportOptions): Promise<ExportResult> {
  const started = Date.now();
  const dir = resolve(options.out);
  if (existsSync(dir) && !options.force) {
    throw new BundleError('BUNDLE.EXISTS', `${dir} exists already: choose another --out, or give --force to replace it`, { dir });
  }
  await awaitReadable(store, { signal: options.signal }).catch((e: unknown) => {
    throw options.signal?.aborted ? exportInterrupted() : e;
  });
  const partial = partialDirOf(dir);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const pageSize = options.pageSize ?? 1000;
  const head = await store.headPosition();
  const total = head && store.backend !== 'eventstoredb' ? Number(head.globalPosition) : null;
  const identity = await store.logIdentity();
  const sealed = options.integrityDb ? await lastBlock(options.integrityDb) : null;

  const fileHash = createHash('sha256');
  const chain = new ChainHasher();
  const streams = new StreamTracker();
  let bytes = 0;
  let count = 0;
  let scanned = 0;
  let first: BundleEvent | null = null;
  let last: BundleEvent | null = null;
  const keyIds = new Set<string>();
  const file = await open(join(partial, EVENTS_FILE), 'w');
  try {
    let after: LogPosition = START;
    let reachedHead = head === null;
    while (!reachedHead) {
      if (options.signal?.aborted) throw exportInterrupted();
      const page = await store.readAll({ after, maxCount: pageSize, raw: true });
      if (!page.length) break;
      let chunk = '';
      for (const e of page) {
        if (comparePositions(e.position, head!.position) > 0) {
          reachedHead = true;
          break;
        }
        scanned += 1;
        if (!matchesFilters(e, options.filters)) continue;
        const line = toBundleEvent(e);
        chunk += `${JSON.stringify(line)}\n`;
        chain.add(line.hash);
        for (const sealed of sealedIn(e.data)) keyIds.add(sealed.keyId);
        streams.see(line.streamId, e.revision, line.hash);
        first ??= line;
        last = line;
        count += 1;
      }
      if (chunk) {
        const buffer = Buffer.from(chunk, 'utf8');
        fileHash.update(buffer);
        bytes += buffer.length;
        await file.write(buffer);
      }
      after = page[page.length - 1].position;
      if (comparePositions(after, head!.position) >= 0) reachedHead = true;
      const secs = Math.max((Date.now() - started) / 1000, 0.001);
      const rate = scanned / secs;
      options.onProgress?.({
        scanned,
        exported: count,
        total,
        eventsPerSecond: Math.round(rate),
        etaSeconds: total !== null && rate > 0 ? Math.round(Math.max(total - scanned, 0) / rate) : null,
      });
    }
    await file.sync();
  } catch (e) {
    await file.close();
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
  await file.close();

  let personalDataKeys: BundleManifest['personalDataKeys'] = null;
  if (options.personalDataKeys) {
    const keys = await options.personalDataKeys.exportKeys([...keyIds]);
    const text = `${JSON.stringify({ keys }, null, 2)}\n`;
    await writeFile(join(partial, KEYS_FILE), text, { mode: 0o600 });
    personalDataKeys = { name: KEYS_FILE, sha256: createHash('sha256').update(text).digest('hex'), count: keys.length };
  }

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    engineVersion: engineVersion(),
    source: {
      logIdentity: identity,
      backend: store.backend,
      head: head ? { globalPosition: head.globalPosition.toString(), position: { commit: head.position.commit.toString(), prepare: head.position.prepare.toString() } } : null,
      lastSealedBlock: sealed ? { blockNo: sealed.blockNo.toString(), blockHash: sealed.blockHash, lastGlobalPosition: sealed.lastGlobalPosition.toString() } : null,
    },
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    filters: options.filters,
    count,
    first: first ? edgeOf(first) : null,
    last: last ? edgeOf(last) : null,
    eventsFile: { name: EVENTS_FILE, sha256: fileHash.digest('hex'), bytes },
    chainHash: chain.digest(),
    streams: { count: streams.streamCount, partialCount: streams.partialCount, partial: streams.partial },
    importable: streams.partialCount === 0,
    personalDataKeys,
  };
  await writeFile(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, manifest, scanned, seconds: (Date.now() - started) / 1000 };
}
