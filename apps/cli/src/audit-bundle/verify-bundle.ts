import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { GENESIS_HASH, comparePositions, eventHash, type LogPosition } from '@regledger/event-store';
import type { ExportedKey } from '@regledger/personal-data';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleError,
  ChainHasher,
  EVENTS_FILE,
  KEYS_FILE,
  MANIFEST_FILE,
  StreamTracker,
  decodeBundleEvent,
  edgeOf,
  positionOf,
  toEventToImport,
  type BundleEdge,
  type BundleEvent,
  type BundleKeys,
  type BundleManifest,
  type PartialStream,
} from './bundle-format.js';

export type BundleFailure =
  | { kind: 'line'; line: number; eventId: string | null; reason: 'malformed'; message: string }
  | {
      kind: 'event';
      line: number;
      eventId: string;
      streamId: string;
      revision: string;
      reason: 'hash_mismatch' | 'broken_chain' | 'out_of_order';
      expected: string;
      actual: string;
    }
  | { kind: 'file'; reason: 'sha256_mismatch' | 'size_mismatch'; expected: string; actual: string }
  | { kind: 'manifest'; reason: 'malformed' | 'count_mismatch' | 'chain_hash_mismatch' | 'first_mismatch' | 'last_mismatch'; expected: string; actual: string }
  | { kind: 'keys'; reason: 'missing' | 'sha256_mismatch' | 'count_mismatch' | 'malformed'; expected: string; actual: string };

export interface BundleReport {
  ok: boolean;
  dir: string;
  manifest: BundleManifest;
  eventsChecked: number;
  /** Streams held from revision 0 without gaps: the bundle can be imported. */
  importable: boolean;
  streams: { count: number; partialCount: number; partial: PartialStream[] };
  /** The first failure, naming the event when an event is at fault. */
  firstFailure: BundleFailure | null;
  /** Every failure found, up to a limit. */
  failures: BundleFailure[];
}

const FAILURES_KEPT = 20;

/** One line of a failure for people. */
export const describeFailure = (f: BundleFailure): string => {
  switch (f.kind) {
    case 'line':
      return `line ${f.line}${f.eventId ? ` (event ${f.eventId})` : ''}: ${f.message}`;
    case 'event':
      return `event ${f.eventId} (stream ${f.streamId} revision ${f.revision}, line ${f.line}): ${f.reason}\n  expected ${f.expected}\n  found    ${f.actual}`;
    case 'file':
      return `${EVENTS_FILE}: ${f.reason}\n  manifest says ${f.expected}\n  file is      ${f.actual}`;
    case 'manifest':
      return `${MANIFEST_FILE}: ${f.reason}\n  manifest says ${f.expected}\n  events say    ${f.actual}`;
    case 'keys':
      return `${KEYS_FILE}: ${f.reason}\n  manifest says ${f.expected}\n  file is      ${f.actual}`;
  }
};

/** The keys the bundle carries (none when exported without them); null when the keys file is not what it should be. */
export const readBundleKeys = (dir: string, manifest: BundleManifest): ExportedKey[] | null => {
  const keys = manifest.personalDataKeys;
  if (!keys) return [];
  try {
    const parsed = JSON.parse(readFileSync(join(dir, keys.name), 'utf8')) as Partial<BundleKeys>;
    if (!Array.isArray(parsed.keys)) return null;
    const valid = parsed.keys.every(
      (k: Partial<ExportedKey>) => typeof k.keyId === 'string' && typeof k.subjectId === 'string' && typeof k.key === 'string' && typeof k.createdAt === 'string',
    );
    return valid ? parsed.keys : null;
  } catch {
    return null;
  }
};

export const readManifest = (dir: string): BundleManifest => {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BundleError('BUNDLE.NOT_FOUND', `${dir} is not an audit bundle: ${MANIFEST_FILE} is missing`, { dir });
  let m: BundleManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as BundleManifest;
  } catch (e) {
    throw new BundleError('BUNDLE.MALFORMED', `${file}: not JSON (${(e as Error).message})`, { dir });
  }
  if (m?.format !== BUNDLE_FORMAT) throw new BundleError('BUNDLE.MALFORMED', `${file}: format is not ${BUNDLE_FORMAT}`, { dir });
  if (m.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new BundleError('BUNDLE.UNSUPPORTED_VERSION', `${file}: format version ${m.formatVersion}; this engine reads version ${BUNDLE_FORMAT_VERSION}`, { dir });
  }
  if (!existsSync(join(dir, m.eventsFile?.name ?? EVENTS_FILE))) throw new BundleError('BUNDLE.NOT_FOUND', `${dir}: ${EVENTS_FILE} is missing`, { dir });
  return m;
};

/** The bundle's events, line by line, with their line numbers (1-based); malformed lines come as errors. */
export async function* bundleLines(dir: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<{ line: number; event: BundleEvent } | { line: number; error: string; raw: string }> {
  const input = createReadStream(join(dir, EVENTS_FILE));
  if (onChunk) input.on('data', (c) => onChunk(c as Buffer));
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    try {
      yield { line: n, event: decodeBundleEvent(JSON.parse(raw) as unknown) };
    } catch (e) {
      yield { line: n, error: (e as Error).message, raw };
    }
  }
}

const sameEdge = (a: BundleEdge | null, b: BundleEdge | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks a bundle on its own, without any store: the events file's sha256 and size, the manifest's
 * count, first and last event and chain hash, every event's hash recomputed with the engine's hashing,
 * the source order, and every stream's prevHash chain wherever the bundle holds consecutive revisions.
 * Reports which streams the bundle does not hold whole (from revision 0 without gaps).
 */
export async function verifyBundle(bundleDir: string, options: { onProgress?: (checked: number, total: number) => void } = {}): Promise<BundleReport> {
  const dir = resolve(bundleDir);
  const manifest = readManifest(dir);
  const failures: BundleFailure[] = [];
  const fail = (f: BundleFailure): void => {
    if (failures.length < FAILURES_KEPT) failures.push(f);
  };
  const fileHash = createHash('sha256');
  let bytes = 0;
  const chain = new ChainHasher();
  const streams = new StreamTracker();
  let count = 0;
  let first: BundleEvent | null = null;
  let last: BundleEvent | null = null;
  let previousPosition: LogPosition | null = null;
  for await (const item of bundleLines(dir, (c) => {
    fileHash.update(c);
    bytes += c.length;
  })) {
    if ('error' in item) {
      fail({ kind: 'line', line: item.line, eventId: /"id":"([^"]+)"/.exec(item.raw)?.[1] ?? null, reason: 'malformed', message: item.error });
      continue;
    }
    const e = item.event;
    count += 1;
    first ??= e;
    last = e;
    chain.add(e.hash);
    const base = { kind: 'event' as const, line: item.line, eventId: e.id, streamId: e.streamId, revision: e.revision };
    const recomputed = eventHash(toEventToImport(e));
    if (recomputed !== e.hash) fail({ ...base, reason: 'hash_mismatch', expected: recomputed, actual: e.hash });
    const position = positionOf(e);
    if (previousPosition && comparePositions(position, previousPosition) <= 0) {
      fail({ ...base, reason: 'out_of_order', expected: `after ${previousPosition.commit}/${previousPosition.prepare}`, actual: `${position.commit}/${position.prepare}` });
    }
    previousPosition = position;
    const revision = BigInt(e.revision);
    const { previous, contiguous } = streams.see(e.streamId, revision, e.hash);
    if (previous && revision <= previous.revision) {
      fail({ ...base, reason: 'out_of_order', expected: `a revision after ${previous.revision}`, actual: e.revision });
    } else if (contiguous) {
      const expectedPrev = previous ? previous.hash : GENESIS_HASH;
      if (e.prevHash !== expectedPrev) fail({ ...base, reason: 'broken_chain', expected: expectedPrev, actual: e.prevHash });
    }
    if (count % 5000 === 0) options.onProgress?.(count, manifest.count);
  }
  options.onProgress?.(count, manifest.count);
  const sha = fileHash.digest('hex');
  if (sha !== manifest.eventsFile.sha256) fail({ kind: 'file', reason: 'sha256_mismatch', expected: manifest.eventsFile.sha256, actual: sha });
  if (bytes !== manifest.eventsFile.bytes) fail({ kind: 'file', reason: 'size_mismatch', expected: String(manifest.eventsFile.bytes), actual: String(bytes) });
  if (count !== manifest.count) fail({ kind: 'manifest', reason: 'count_mismatch', expected: String(manifest.count), actual: String(count) });
  const chainHash = chain.digest();
  if (chainHash !== manifest.chainHash) fail({ kind: 'manifest', reason: 'chain_hash_mismatch', expected: manifest.chainHash, actual: chainHash });
  const firstEdge = first ? edgeOf(first) : null;
  const lastEdge = last ? edgeOf(last) : null;
  if (!sameEdge(firstEdge, manifest.first)) fail({ kind: 'manifest', reason: 'first_mismatch', expected: JSON.stringify(manifest.first), actual: JSON.stringify(firstEdge) });
  if (!sameEdge(lastEdge, manifest.last)) fail({ kind: 'manifest', reason: 'last_mismatch', expected: JSON.stringify(manifest.last), actual: JSON.stringify(lastEdge) });
  const keys = manifest.personalDataKeys;
  if (keys) {
    const keysFile = join(dir, keys.name);
    if (!existsSync(keysFile)) fail({ kind: 'keys', reason: 'missing', expected: keys.name, actual: 'no file' });
    else {
      const text = readFileSync(keysFile);
      const keysSha = createHash('sha256').update(text).digest('hex');
      if (keysSha !== keys.sha256) fail({ kind: 'keys', reason: 'sha256_mismatch', expected: keys.sha256, actual: keysSha });
      else {
        const held = readBundleKeys(dir, manifest);
        if (held === null) fail({ kind: 'keys', reason: 'malformed', expected: 'a JSON object { keys: [...] }', actual: 'something else' });
        else if (held.length !== keys.count) fail({ kind: 'keys', reason: 'count_mismatch', expected: String(keys.count), actual: String(held.length) });
      }
    }
  }
  // An event at fault is the most precise answer: name it first.
  const firstFailure = failures.find((f) => f.kind === 'event' || f.kind === 'line') ?? failures[0] ?? null;
  return {
    ok: failures.length === 0,
    dir,
    manifest,
    eventsChecked: count,
    importable: streams.partialCount === 0,
    streams: { count: streams.streamCount, partialCount: streams.partialCount, partial: streams.partial },
    firstFailure,
    failures,
  };
}
