import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_HASH, eventHash, eventsRoot, type RecordedEvent } from '@regledger/event-store';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleError,
  ChainHasher,
  NO_FILTERS,
  StreamTracker,
  edgeOf,
  matchesFilters,
  parseInstant,
  type BundleEvent,
  type BundleManifest,
} from './bundle-format.js';
import { verifyBundle } from './verify-bundle.js';

const USCC = '91440106MA5RP0001X';
const root = mkdtempSync(join(tmpdir(), 'regledger-bundle-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const meta = { actorId: 'u1', actorRole: 'supervisor' as const, jurisdiction: '440100', correlationId: 'c1', causationId: null, idempotencyKey: null, reason: null };

/** Events of one or more streams as a source log recorded them, chained, with positions in the order given. */
const recorded = (specs: { streamId: string; revision: number; type?: string; data?: unknown; at?: string }[]): BundleEvent[] => {
  const heads = new Map<string, string>();
  return specs.map((s, i) => {
    const base = {
      id: `0197a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      streamId: s.streamId,
      revision: BigInt(s.revision),
      type: s.type ?? 'Happened',
      schemaVersion: 1,
      data: s.data ?? { n: i, 名称: '电热水壶' },
      metadata: meta,
      recordedAt: new Date(s.at ?? `2026-01-0${1 + (i % 9)}T00:00:00.000Z`),
      businessTime: null,
      prevHash: heads.get(s.streamId) ?? GENESIS_HASH,
    };
    const hash = eventHash(base);
    heads.set(s.streamId, hash);
    return {
      ...base,
      revision: base.revision.toString(),
      recordedAt: base.recordedAt.toISOString(),
      hash,
      globalPosition: String(i + 1),
      position: { commit: '700', prepare: String(i + 1) },
    };
  });
};

/** Writes a bundle as export does (events.jsonl, then the manifest computed from it). */
const writeBundle = (name: string, events: BundleEvent[]): string => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const text = events.map((e) => `${JSON.stringify(e)}\n`).join('');
  writeFileSync(join(dir, 'events.jsonl'), text);
  const chain = new ChainHasher();
  const streams = new StreamTracker();
  for (const e of events) {
    chain.add(e.hash);
    streams.see(e.streamId, BigInt(e.revision), e.hash);
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    engineVersion: 'test',
    source: { logIdentity: 'pglite:test/db', backend: 'pglite', head: null, lastSealedBlock: null },
    createdAt: '2026-02-01T00:00:00.000Z',
    filters: NO_FILTERS,
    count: events.length,
    first: events.length ? edgeOf(events[0]) : null,
    last: events.length ? edgeOf(events[events.length - 1]) : null,
    eventsFile: { name: 'events.jsonl', sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) },
    chainHash: chain.digest(),
    streams: { count: streams.streamCount, partialCount: streams.partialCount, partial: streams.partial },
    importable: streams.partialCount === 0,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
};

const asRecorded = (e: BundleEvent): RecordedEvent =>
  ({ ...e, revision: BigInt(e.revision), recordedAt: new Date(e.recordedAt), businessTime: null }) as unknown as RecordedEvent;

describe('bundle filters', () => {
  const [enterprise, declaration, task] = recorded([
    { streamId: `enterprise-${USCC}`, revision: 0, type: 'EnterpriseRegistered', at: '2026-01-01T00:00:00.000Z' },
    { streamId: `declarations-${USCC}`, revision: 0, type: 'DeclarationSubmitted', at: '2026-01-05T00:00:00.000Z' },
    { streamId: 'inspection-task-1', revision: 0, type: 'InspectionOpened', data: { target: { uscc: USCC } }, at: '2026-01-09T00:00:00.000Z' },
  ]).map(asRecorded);

  it('given no filters, every event passes', () => {
    expect([enterprise, declaration, task].every((e) => matchesFilters(e, NO_FILTERS))).toBe(true);
  });

  it('given a stream prefix and an exact stream id, only those streams pass', () => {
    const f = { ...NO_FILTERS, streams: ['enterprise-*', 'inspection-task-1'] };
    expect([enterprise, declaration, task].map((e) => matchesFilters(e, f))).toEqual([true, false, true]);
  });

  it('given a USCC, events whose stream or (nested) data names it pass', () => {
    const other = { ...NO_FILTERS, usccs: ['91440106MA5RP0002X'] };
    const mine = { ...NO_FILTERS, usccs: [USCC] };
    expect([enterprise, declaration, task].map((e) => matchesFilters(e, mine))).toEqual([true, true, true]);
    expect([enterprise, declaration, task].map((e) => matchesFilters(e, other))).toEqual([false, false, false]);
  });

  it('given a time window, from is inclusive and to exclusive; kinds of filters combine', () => {
    const f = { ...NO_FILTERS, from: '2026-01-05T00:00:00.000Z', to: '2026-01-09T00:00:00.000Z' };
    expect([enterprise, declaration, task].map((e) => matchesFilters(e, f))).toEqual([false, true, false]);
    expect(matchesFilters(declaration, { ...f, types: ['EnterpriseRegistered'] })).toBe(false);
  });

  it('a date is the start of that day in China; anything else without a zone is refused naming the option', () => {
    expect(parseInstant('2026-03-01', '--from')).toBe('2026-02-28T16:00:00.000Z');
    expect(parseInstant('2026-03-01T08:30:00Z', '--to')).toBe('2026-03-01T08:30:00.000Z');
    expect(() => parseInstant('2026-03-01T08:30:00', '--to')).toThrow(BundleError);
    expect(() => parseInstant('yesterday', '--from')).toThrow(/--from: "yesterday"/);
  });
});

describe('chain hash', () => {
  it('equals the sealer\'s events root over the same hashes, fed one at a time', () => {
    const hashes = recorded([
      { streamId: 'a', revision: 0 },
      { streamId: 'b', revision: 0 },
      { streamId: 'a', revision: 1 },
    ]).map((e) => e.hash);
    const chain = new ChainHasher();
    hashes.forEach((h) => chain.add(h));
    expect(chain.digest()).toBe(eventsRoot(hashes));
  });
});

describe('verifyBundle', () => {
  const events = recorded([
    { streamId: 'a', revision: 0 },
    { streamId: 'b', revision: 0 },
    { streamId: 'a', revision: 1 },
    { streamId: 'b', revision: 1 },
  ]);

  it('given an untouched bundle of whole streams, it passes and is importable', async () => {
    const report = await verifyBundle(writeBundle('clean', events));
    expect({ ok: report.ok, checked: report.eventsChecked, importable: report.importable, failure: report.firstFailure }).toEqual({ ok: true, checked: 4, importable: true, failure: null });
  });

  it('given one byte of one event\'s data changed, it names that event first (and the file hash too)', async () => {
    const dir = writeBundle('tampered', events);
    const file = join(dir, 'events.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2].replace('"n":2', '"n":3');
    writeFileSync(file, lines.join('\n'));
    const report = await verifyBundle(dir);
    expect(report.ok).toBe(false);
    expect(report.firstFailure).toMatchObject({ kind: 'event', reason: 'hash_mismatch', eventId: events[2].id, line: 3 });
    expect(report.failures.map((f) => `${f.kind}:${f.reason}`)).toEqual(['event:hash_mismatch', 'file:sha256_mismatch']);
  });

  it('given an event re-hashed after a change, the chain of its stream breaks at the next event', async () => {
    const changed = { ...events[0], data: { n: 99 } };
    const rehashed = { ...changed, hash: eventHash({ ...changed, revision: 0n, recordedAt: new Date(changed.recordedAt), businessTime: null }) };
    const report = await verifyBundle(writeBundle('rehashed', [rehashed, ...events.slice(1)]));
    expect(report.firstFailure).toMatchObject({ kind: 'event', reason: 'broken_chain', eventId: events[2].id, expected: rehashed.hash, actual: events[0].hash });
  });

  it('given a stream that starts mid-way, it verifies but is not importable, naming the stream', async () => {
    const report = await verifyBundle(writeBundle('mid-way', events.slice(2)));
    expect(report.ok).toBe(true);
    expect(report.importable).toBe(false);
    expect(report.streams.partial).toEqual([
      { streamId: 'a', missingRevision: '0', foundRevision: '1' },
      { streamId: 'b', missingRevision: '0', foundRevision: '1' },
    ]);
  });

  it('given a manifest whose count was changed, it says so', async () => {
    const dir = writeBundle('count', events);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, count: 5 }));
    expect((await verifyBundle(dir)).firstFailure).toEqual({ kind: 'manifest', reason: 'count_mismatch', expected: '5', actual: '4' });
  });

  it('given a directory without a manifest, it is refused as not a bundle', async () => {
    mkdirSync(join(root, 'empty'));
    await expect(verifyBundle(join(root, 'empty'))).rejects.toMatchObject({ code: 'BUNDLE.NOT_FOUND' });
  });
});
