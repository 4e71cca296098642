import { createHash, type Hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '@regledger/shared';
import type { EventMetadata, EventToImport, LogPosition, RecordedEvent } from '@regledger/event-store';
import type { ExportedKey } from '@regledger/personal-data';

/**
 * An audit bundle: a directory with `events.jsonl` (one recorded event per line, in the source log's
 * order, exactly as stored) and `manifest.json` (what was exported, from where, and the hashes that
 * let anyone check the events file without the source).
 */
export const BUNDLE_FORMAT = 'regledger-audit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const EVENTS_FILE = 'events.jsonl';
export const MANIFEST_FILE = 'manifest.json';
/**
 * The personal-data keys the bundle's events were sealed with (those still in use; erased keys never leave
 * the store), kept apart from the events: not in events.jsonl, not in the chain hash.
 */
export const KEYS_FILE = 'personal-data-keys.json';

/** A refusal about a bundle (exists already, fails verification, cannot be imported, target not empty). */
export class BundleError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'precondition', message, details);
  }
}

/** One line of events.jsonl: the event's full envelope, bigints as decimal strings, times as ISO 8601. */
export interface BundleEvent {
  id: string;
  streamId: string;
  revision: string;
  type: string;
  /** As stored: never upcast. */
  schemaVersion: number;
  /** As stored: never upcast. */
  data: unknown;
  metadata: EventMetadata;
  recordedAt: string;
  businessTime: string | null;
  prevHash: string;
  hash: string;
  /** The event's place in the source log: its global position and (commit, prepare) position there. */
  globalPosition: string;
  position: { commit: string; prepare: string };
}

export interface BundleFilters {
  /** Recorded at or after (ISO 8601). */
  from: string | null;
  /** Recorded strictly before (ISO 8601). */
  to: string | null;
  /** Stream ids, or prefixes ending with `*`. */
  streams: string[];
  types: string[];
  /** Events whose stream id or data names one of these USCCs. */
  usccs: string[];
}

export const NO_FILTERS: BundleFilters = { from: null, to: null, streams: [], types: [], usccs: [] };

export interface BundleEdge {
  id: string;
  streamId: string;
  revision: string;
  globalPosition: string;
  position: { commit: string; prepare: string };
  recordedAt: string;
}

/** A stream the bundle does not hold from its first event on, without gaps. */
export interface PartialStream {
  streamId: string;
  /** The first revision of the stream that is missing from the bundle. */
  missingRevision: string;
  /** The revision that follows the gap. */
  foundRevision: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  engineVersion: string;
  source: {
    logIdentity: string;
    backend: string;
    /** The head of the source log when the export began: nothing after it is in the bundle. */
    head: { globalPosition: string; position: { commit: string; prepare: string } } | null;
    /** The source's last sealed block then, an anchor to compare with the source's own records. */
    lastSealedBlock: { blockNo: string; blockHash: string; lastGlobalPosition: string } | null;
  };
  createdAt: string;
  filters: BundleFilters;
  count: number;
  first: BundleEdge | null;
  last: BundleEdge | null;
  eventsFile: { name: string; sha256: string; bytes: number };
  /** sha256 of the events' hashes joined by "\n", in bundle order: the sealer's events root over these events. */
  chainHash: string;
  streams: { count: number; partialCount: number; partial: PartialStream[] };
  /** Whether `regledger import` accepts the bundle: every stream from revision 0 without gaps. */
  importable: boolean;
  /**
   * The keys file, when the export carried the keys of the personal data sealed in its events (absent in
   * bundles written before personal data was sealed, null when exported without keys).
   */
  personalDataKeys?: { name: string; sha256: string; count: number } | null;
}

/** The keys file's content. */
export interface BundleKeys {
  keys: ExportedKey[];
}

/** How many partial streams a manifest or a report names (the count is always complete). */
export const PARTIAL_STREAMS_LISTED = 50;

export const toBundleEvent = (e: RecordedEvent): BundleEvent => ({
  id: e.id,
  streamId: e.streamId,
  revision: e.revision.toString(),
  type: e.type,
  schemaVersion: e.storedSchemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: e.recordedAt.toISOString(),
  businessTime: e.businessTime ? e.businessTime.toISOString() : null,
  prevHash: e.prevHash,
  hash: e.hash,
  globalPosition: e.globalPosition.toString(),
  position: { commit: e.position.commit.toString(), prepare: e.position.prepare.toString() },
});

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const DECIMAL = /^-?\d+$/;
const HASH = /^[0-9a-f]{64}$/;
const isInstant = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Reads one line back; throws naming the field that is missing or malformed. */
export const decodeBundleEvent = (value: unknown): BundleEvent => {
  if (!isObject(value)) throw new Error('not a JSON object');
  const bad = (field: string, rule: string): never => {
    throw new Error(`${field}: ${rule}`);
  };
  for (const f of ['id', 'streamId', 'type'] as const) if (typeof value[f] !== 'string' || !value[f]) bad(f, 'must be a non-empty string');
  if (typeof value.revision !== 'string' || !DECIMAL.test(value.revision)) bad('revision', 'must be a decimal string');
  if (typeof value.globalPosition !== 'string' || !DECIMAL.test(value.globalPosition)) bad('globalPosition', 'must be a decimal string');
  const p = value.position;
  if (!isObject(p) || typeof p.commit !== 'string' || !DECIMAL.test(p.commit) || typeof p.prepare !== 'string' || !DECIMAL.test(p.prepare))
    bad('position', 'must be { commit, prepare } as decimal strings');
  if (!Number.isInteger(value.schemaVersion)) bad('schemaVersion', 'must be an integer');
  if (!('data' in value)) bad('data', 'is missing');
  if (!isObject(value.metadata)) bad('metadata', 'must be an object');
  if (!isInstant(value.recordedAt)) bad('recordedAt', 'must be an ISO 8601 instant');
  if (value.businessTime !== null && !isInstant(value.businessTime)) bad('businessTime', 'must be null or an ISO 8601 instant');
  if (typeof value.prevHash !== 'string' || !HASH.test(value.prevHash)) bad('prevHash', 'must be 64 hex digits');
  if (typeof value.hash !== 'string' || !HASH.test(value.hash)) bad('hash', 'must be 64 hex digits');
  return value as unknown as BundleEvent;
};

export const toEventToImport = (e: BundleEvent): EventToImport => ({
  id: e.id,
  streamId: e.streamId,
  revision: BigInt(e.revision),
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
  recordedAt: new Date(e.recordedAt),
  businessTime: e.businessTime === null ? null : new Date(e.businessTime),
  prevHash: e.prevHash,
  hash: e.hash,
});

export const positionOf = (e: BundleEvent): LogPosition => ({ commit: BigInt(e.position.commit), prepare: BigInt(e.position.prepare) });

export const edgeOf = (e: BundleEvent): BundleEdge => ({
  id: e.id,
  streamId: e.streamId,
  revision: e.revision,
  globalPosition: e.globalPosition,
  position: e.position,
  recordedAt: e.recordedAt,
});

/**
 * The chain hash, fed one event hash at a time: sha256 of the hashes joined by "\n" (so it equals
 * `eventsRoot` of the same hashes, without holding them all).
 */
export class ChainHasher {
  private readonly h: Hash = createHash('sha256');
  private first = true;
  add(eventHash: string): void {
    this.h.update(this.first ? eventHash : `\n${eventHash}`, 'utf8');
    this.first = false;
  }
  digest(): string {
    return this.h.digest('hex');
  }
}

/**
 * Follows each stream through the bundle: whether it is held from revision 0 without gaps (what an
 * import needs). A stream cut at the end (a `--to` export) is still whole up to there.
 */
export class StreamTracker {
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();
  readonly partial: PartialStream[] = [];
  partialCount = 0;
  private readonly partialIds = new Set<string>();

  /** The previous event of the stream in the bundle when it is the one just before `e`, else null. */
  see(streamId: string, revision: bigint, hash: string): { previous: { revision: bigint; hash: string } | null; contiguous: boolean } {
    const head = this.heads.get(streamId) ?? null;
    const expected = head ? head.revision + 1n : 0n;
    const contiguous = revision === expected;
    if (!contiguous && !this.partialIds.has(streamId) && revision > expected) {
      this.partialIds.add(streamId);
      this.partialCount += 1;
      if (this.partial.length < PARTIAL_STREAMS_LISTED) this.partial.push({ streamId, missingRevision: expected.toString(), foundRevision: revision.toString() });
    }
    this.heads.set(streamId, { revision, hash });
    return { previous: head, contiguous };
  }

  get streamCount(): number {
    return this.heads.size;
  }
}

/** A calendar date is the start of that day in China (UTC+8); otherwise an ISO 8601 instant with a zone. */
export const parseInstant = (value: string, field: string): string => {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new BundleError('BUNDLE.BAD_FILTER', `${field}: "${value}" is neither a date (YYYY-MM-DD, China time) nor an ISO 8601 instant with a zone`, { field });
  }
  return new Date(text).toISOString();
};

const namesUscc = (value: unknown, uscc: string): boolean => {
  if (typeof value === 'string') return value.includes(uscc);
  if (Array.isArray(value)) return value.some((v) => namesUscc(v, uscc));
  if (isObject(value)) return Object.values(value).some((v) => namesUscc(v, uscc));
  return false;
};

/** Whether an event passes the filters: every kind of filter given must match (any of its values). */
export const matchesFilters = (e: RecordedEvent, f: BundleFilters): boolean => {
  const at = e.recordedAt.getTime();
  if (f.from && at < Date.parse(f.from)) return false;
  if (f.to && at >= Date.parse(f.to)) return false;
  if (f.types.length && !f.types.includes(e.type)) return false;
  if (f.streams.length && !f.streams.some((s) => (s.endsWith('*') ? e.streamId.startsWith(s.slice(0, -1)) : e.streamId === s))) return false;
  if (f.usccs.length && !f.usccs.some((u) => e.streamId.includes(u) || namesUscc(e.data, u))) return false;
  return true;
};

export const hasFilters = (f: BundleFilters): boolean => Boolean(f.from || f.to || f.streams.length || f.types.length || f.usccs.length);

let version: string | null = null;

/** The engine's version: the `version` of the repository's package.json. */
export const engineVersion = (): string => {
  if (version) return version;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'regledger' && pkg.version) return (version = pkg.version);
    }
    if (dirname(dir) === dir) return (version = 'unknown');
  }
};
