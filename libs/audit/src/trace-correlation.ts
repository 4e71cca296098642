import { NotFoundError } from '@regledger/shared';
import type { RecordedEvent } from '@regledger/event-store';
import { AUDIT_ERROR_CODES } from './audit.errors.js';
import { SCAN_PAGE_SIZE, auditEventOf, foldFor, scanLog, type AuditContexts, type AuditEvent, type AuditStore } from './audit-event.js';

/**
 * How a node hangs under its parent:
 * - `causation`: the parent is the event its causationId names (a policy's reaction to it);
 * - `stream`: its causation is a command (a person's request), and the chain already reached its stream: it
 *   hangs under the chain's first event on that stream (a later step of the inspection the chain opened);
 * - `root`: neither.
 */
export type TraceLink = 'root' | 'causation' | 'stream';

export interface TraceNode<E = AuditEvent> {
  event: E;
  link: TraceLink;
  children: TraceNode<E>[];
}

/** The minimum the tree needs of an event. */
export interface TraceableEvent {
  eventId: string;
  streamId: string;
  causationId: string | null;
}

/**
 * Builds the causal tree of events given in their global order (pure). Children follow `causationId`; an
 * event whose causation is a command (no event of the set) hangs under the first earlier event of its own
 * stream, or is a root. Siblings keep the global order, so the events of one command stay in their order.
 * A parent is always earlier in the log than its children: no cycle can form.
 */
export const buildCausalTree = <E extends TraceableEvent>(events: readonly E[]): TraceNode<E>[] => {
  const nodes = new Map<string, TraceNode<E>>();
  const firstOfStream = new Map<string, TraceNode<E>>();
  const roots: TraceNode<E>[] = [];
  for (const event of events) {
    const cause = event.causationId ? nodes.get(event.causationId) : undefined;
    const streamHead = firstOfStream.get(event.streamId);
    const node: TraceNode<E> = { event, link: cause ? 'causation' : streamHead ? 'stream' : 'root', children: [] };
    const parent = cause ?? streamHead;
    if (parent) parent.children.push(node);
    else roots.push(node);
    nodes.set(event.eventId, node);
    if (!streamHead) firstOfStream.set(event.streamId, node);
  }
  return roots;
};

export interface CorrelationTrace {
  correlationId: string;
  /** Events sharing the correlation id. */
  count: number;
  /** Streams they touched, in order of first appearance. */
  streams: string[];
  /** Contexts they belong to, in order of first appearance. */
  contexts: string[];
  roots: TraceNode[];
  /** Events of the whole log read to find them. */
  scanned: number;
}

export interface TraceOptions {
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (scanned: number) => void;
}

/**
 * Every event of one correlation id across contexts, as a causal tree (see `buildCausalTree`).
 * Cost: the port has no index by correlation, so this reads the whole log once with `readAll` in pages of
 * `pageSize` (1,000), holding one page and the matching events in memory. 404 when no event has the id.
 */
export async function traceCorrelation(store: AuditStore, contexts: AuditContexts, correlationId: string, options: TraceOptions = {}): Promise<CorrelationTrace> {
  const matched: RecordedEvent[] = [];
  let scanned = 0;
  for await (const page of scanLog(store, options.pageSize ?? SCAN_PAGE_SIZE, options.signal)) {
    for (const e of page) if (e.metadata.correlationId === correlationId) matched.push(e);
    scanned += page.length;
    options.onProgress?.(scanned);
  }
  if (!matched.length) throw new NotFoundError(AUDIT_ERROR_CODES.CORRELATION_NOT_FOUND, `no event has correlation id ${correlationId}`, { correlationId });
  const events = matched.map((e) => auditEventOf(e, foldFor(contexts, e.streamId)));
  return {
    correlationId,
    count: events.length,
    streams: [...new Set(events.map((e) => e.streamId))],
    contexts: [...new Set(events.map((e) => e.context).filter((c): c is string => c !== null))],
    roots: buildCausalTree(events),
    scanned,
  };
}

/** The tree as indented lines: `type stream#revision actor (role) recordedAt`, children indented under their parent. */
export const traceLines = (roots: readonly TraceNode[]): string[] => {
  const lines: string[] = [];
  const walk = (node: TraceNode, prefix: string, last: boolean, top: boolean): void => {
    const e = node.event;
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    const via = node.link === 'stream' ? ' [same stream]' : '';
    lines.push(`${prefix}${branch}${e.type}  ${e.streamId}#${e.revision}  by ${e.actor} (${e.role})  ${e.recordedAt}${via}`);
    const childPrefix = top ? prefix : `${prefix}${last ? '   ' : '│  '}`;
    node.children.forEach((c, i) => walk(c, childPrefix, i === node.children.length - 1, false));
  };
  roots.forEach((r) => walk(r, '', true, true));
  return lines;
};
