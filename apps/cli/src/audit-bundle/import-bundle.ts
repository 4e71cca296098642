import type { AnyDb } from '@regledger/database';
import { START, awaitReadable, comparePositions, seal, type EventStore, type EventToImport, type LogPosition, type SealReport } from '@regledger/event-store';
import { advanceCheckpoint, listCheckpoints } from '@regledger/read-models';
import type { PersonalDataKeyStore } from '@regledger/personal-data';
import { BundleError, toEventToImport, type BundleEvent } from './bundle-format.js';
import { bundleLines, describeFailure, readBundleKeys, verifyBundle, type BundleReport } from './verify-bundle.js';

export interface ImportProgress {
  /** Bundle events handled so far (found in the target or written). */
  done: number;
  total: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

export interface ImportOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Stop (as an interruption would) after this many batches have been written. */
  stopAfterBatches?: number;
  /** How long to wait for the target's committed events to become readable (PostgreSQL). */
  readTimeoutMs?: number;
  /** The target's key store: the bundle's personal-data keys are written there first (none: the keys stay behind). */
  personalDataKeys?: PersonalDataKeyStore | null;
}

export interface ImportReport {
  bundle: BundleReport;
  /** Events of the bundle already in the target when this run began (an earlier run's). */
  alreadyPresent: number;
  imported: number;
  /** Events skipped by the store because they were there (same id, stream, revision and hash). */
  skipped: number;
  batches: number;
  /** True when the run stopped before the end: run it again to resume. */
  interrupted: boolean;
  /** Personal-data keys written to the target's key store, and those it held already. */
  keys: { imported: number; skipped: number };
  seconds: number;
}

/** Refuses a bundle that fails verification or does not hold whole streams. */
export const assertImportable = (report: BundleReport): void => {
  if (!report.ok) {
    throw new BundleError('BUNDLE.VERIFICATION_FAILED', `the bundle ${report.dir} fails verification, nothing was imported: ${describeFailure(report.firstFailure!)}`, {
      failure: report.firstFailure,
    });
  }
  if (!report.importable) {
    const s = report.streams.partial[0];
    throw new BundleError(
      'BUNDLE.NOT_IMPORTABLE',
      `the bundle ${report.dir} does not hold whole streams (${report.streams.partialCount} of ${report.streams.count}; e.g. stream ${s.streamId} lacks revision ${s.missingRevision} and goes on at ${s.foundRevision}): ` +
        'a filtered export that starts a stream mid-way can be verified and read but not imported. Export without --from, --type or --uscc (--stream and --to keep streams whole).',
      { partial: report.streams.partial },
    );
  }
};

/**
 * How much of the bundle the target already holds: its whole log must be the bundle's first events,
 * in the same order (an earlier run of the same import). Any other event makes the target non-empty.
 */
async function presentPrefix(store: EventStore, dir: string, timeoutMs: number): Promise<number> {
  const head = await awaitReadable(store, { timeoutMs });
  if (!head) return 0;
  const lines = bundleLines(dir);
  let matched = 0;
  let after: LogPosition = START;
  const refuse = (detail: string): never => {
    throw new BundleError(
      'IMPORT.TARGET_NOT_EMPTY',
      `the target store is not empty and does not hold an earlier run of this import: ${detail}. Import into an empty store (a new data directory or a new database).`,
      { eventsInTarget: matched },
    );
  };
  try {
    while (comparePositions(after, head) < 0) {
      const page = await store.readAll({ after, maxCount: 1000, raw: true });
      if (!page.length) return matched;
      for (const e of page) {
        const next = await lines.next();
        const expected = next.done || 'error' in next.value ? null : next.value.event;
        if (!expected) refuse(`it holds more events than the bundle (event ${e.id} of stream ${e.streamId})`);
        if (expected!.id !== e.id || expected!.hash !== e.hash) refuse(`its event ${matched + 1} is ${e.id} (stream ${e.streamId}), the bundle's is ${expected!.id} (stream ${expected!.streamId})`);
        matched += 1;
      }
      after = page[page.length - 1].position;
    }
    return matched;
  } finally {
    await lines.return(undefined);
  }
}

/**
 * Imports a verified bundle into an empty store, batch by batch (one transaction each on PostgreSQL),
 * keeping every id, revision, time, metadata and hash. A target that holds the first events of the
 * same bundle (an interrupted run) is resumed after them; any other non-empty target is refused.
 */
export async function importBundle(store: EventStore, bundleDir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  const bundle = await verifyBundle(bundleDir);
  assertImportable(bundle);
  const total = bundle.eventsChecked;
  const alreadyPresent = await presentPrefix(store, bundle.dir, options.readTimeoutMs ?? 30_000);
  // The keys go first: an event readable in the target is never left without its key (a rerun skips those held).
  const keys = options.personalDataKeys ? await options.personalDataKeys.importKeys(readBundleKeys(bundle.dir, bundle.manifest) ?? []) : { imported: 0, skipped: 0 };
  const batchSize = options.batchSize ?? 500;
  let done = alreadyPresent;
  let imported = 0;
  let skipped = 0;
  let batches = 0;
  let interrupted = false;
  let batch: EventToImport[] = [];
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const r = await store.importEvents(batch);
    imported += r.imported;
    skipped += r.skipped;
    done += batch.length;
    batches += 1;
    batch = [];
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = (done - alreadyPresent) / secs;
    options.onProgress?.({ done, total, eventsPerSecond: Math.round(rate), etaSeconds: rate > 0 ? Math.round((total - done) / rate) : null });
  };
  const lines = bundleLines(bundle.dir);
  try {
    for await (const item of lines) {
      if (item.line <= alreadyPresent) continue;
      if ('error' in item) throw new BundleError('BUNDLE.MALFORMED', `line ${item.line} changed since verification: ${item.error}`);
      batch.push(toEventToImport(item.event as BundleEvent));
      if (batch.length >= batchSize) {
        await flush();
        if (options.signal?.aborted || (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches)) {
          interrupted = true;
          break;
        }
      }
    }
    if (!interrupted) await flush();
  } finally {
    await lines.return(undefined);
  }
  return { bundle, alreadyPresent, imported, skipped, batches, interrupted, keys, seconds: (Date.now() - started) / 1000 };
}

export interface AfterImportReport {
  seal: SealReport;
  /** Policies whose checkpoints were moved to the imported head (they had been reacted to in the source). */
  policiesMoved: string[];
}

/**
 * What a target needs once the import is complete: its own sealed blocks over the imported log, and
 * policy checkpoints (if an engine ran on the empty target before) moved past the imported events, so
 * that no policy reacts again to what the source reacted to already — the reactions are in the bundle.
 */
export async function afterImport(store: EventStore, db: AnyDb, options: { blockSize?: number } = {}): Promise<AfterImportReport> {
  await awaitReadable(store);
  const report = await seal(store, db, { blockSize: options.blockSize });
  const head = await store.headPosition({ committed: true });
  const policiesMoved: string[] = [];
  if (head) {
    for (const cp of await listCheckpoints(db)) {
      if (cp.kind !== 'policy' || comparePositions(cp.position, head.position) >= 0) continue;
      const moved = await advanceCheckpoint(db, cp.name, cp.position, { position: head.position, globalPosition: head.globalPosition, events: 0, lastEventAt: head.recordedAt });
      if (moved) policiesMoved.push(cp.name);
    }
  }
  return { seal: report, policiesMoved };
}
