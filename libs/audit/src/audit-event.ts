import type { ContextDefinition, StreamFold } from '@regledger/engine';
import { awaitReadable, type EventStore, type RecordedEvent } from '@regledger/event-store';

/** What the audit functions need of the event store: reads only. */
export type AuditStore = Pick<EventStore, 'readStream' | 'readAll' | 'streamRevision' | 'headPosition'>;

/** Contexts as the audit sees them: their names and stream folds. */
export type AuditContexts = readonly Pick<ContextDefinition, 'name' | 'streams'>[];

/** The fold of a stream id and the context that registered it. */
export interface ResolvedFold {
  context: string;
  fold: StreamFold;
}

/** The fold registered for the stream id's kind: the longest matching prefix wins (`credit-scoring-policy` over `credit-`). */
export const foldFor = (contexts: AuditContexts, streamId: string): ResolvedFold | null => {
  let best: ResolvedFold | null = null;
  for (const c of contexts) {
    for (const fold of c.streams ?? []) {
      if (streamId.startsWith(fold.prefix) && (!best || fold.prefix.length > best.fold.prefix.length)) best = { context: c.name, fold };
    }
  }
  return best;
};

/** Every registered stream kind, for help texts and the docs. */
export const streamKinds = (contexts: AuditContexts): { context: string; prefix: string; description: string }[] =>
  contexts.flatMap((c) => (c.streams ?? []).map((f) => ({ context: c.name, prefix: f.prefix, description: f.description })));

/** One recorded event as an analyst reads it: who, in which role, why, in which chain, when, and its data as the context lets an analyst see it. */
export interface AuditEvent {
  eventId: string;
  streamId: string;
  /** The context that owns the stream, when it registered a fold for it. */
  context: string | null;
  revision: string;
  globalPosition: string;
  type: string;
  schemaVersion: number;
  actor: string;
  role: string;
  jurisdiction: string;
  reason: string | null;
  correlationId: string;
  causationId: string | null;
  recordedAt: string;
  businessTime: string | null;
  hash: string;
  data: unknown;
}

/**
 * A value safe to print as JSON: bigints as strings, dates as ISO instants, sets as arrays and maps as
 * objects (decider states use them).
 */
export const toAuditJson = (value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Set) return [...value].map(toAuditJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toAuditJson(v)]));
  if (Array.isArray(value)) return value.map(toAuditJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toAuditJson(v)]));
  return value;
};

/** The analyst's view of a recorded event, its data redacted by the owning context's fold. */
export const auditEventOf = (e: RecordedEvent, resolved: ResolvedFold | null): AuditEvent => ({
  eventId: e.id,
  streamId: e.streamId,
  context: resolved?.context ?? null,
  revision: e.revision.toString(),
  globalPosition: e.globalPosition.toString(),
  type: e.type,
  schemaVersion: e.schemaVersion,
  actor: e.metadata.actorId,
  role: e.metadata.actorRole,
  jurisdiction: e.metadata.jurisdiction,
  reason: e.metadata.reason ?? null,
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId ?? null,
  recordedAt: e.recordedAt.toISOString(),
  businessTime: e.businessTime ? e.businessTime.toISOString() : null,
  hash: e.hash,
  data: toAuditJson(resolved?.fold.redact ? resolved.fold.redact({ type: e.type, data: e.data }) : e.data),
});

/** The default page size of a whole-log scan. */
export const SCAN_PAGE_SIZE = 1000;

/**
 * The whole log in its global order, read in pages of `pageSize` with `readAll`: only one page is held at a
 * time, but every event of the log is read once, whatever the filter. It starts once every event committed
 * before the call can be read, so a search never misses what was acknowledged before it.
 */
export async function* scanLog(store: AuditStore, pageSize = SCAN_PAGE_SIZE, signal?: AbortSignal): AsyncGenerator<RecordedEvent[]> {
  await awaitReadable(store, { signal });
  let after: RecordedEvent['position'] | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: pageSize });
    if (!page.length) return;
    yield page;
    after = page[page.length - 1].position;
  }
}
