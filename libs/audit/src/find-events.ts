import type { RecordedEvent } from '@regledger/event-store';
import { SCAN_PAGE_SIZE, auditEventOf, foldFor, scanLog, type AuditContexts, type AuditEvent, type AuditStore } from './audit-event.js';

export interface EventFilter {
  /** Recorded at or after this instant. */
  from?: Date;
  /** Recorded strictly before this instant. */
  to?: Date;
  /** One of these event types. */
  types?: readonly string[];
  /** Recorded by this actor id (`metadata.actorId`). */
  actor?: string;
  /** Concerning this enterprise (see `EventMatcher`). */
  uscc?: string;
}

export interface EventPage {
  limit: number;
  offset: number;
}

export interface FoundEvents {
  items: AuditEvent[];
  /** Matching events in the whole log. */
  total: number;
  limit: number;
  offset: number;
  /** Events of the whole log read to answer. */
  scanned: number;
}

/**
 * Decides, event by event in the global order, whether an event matches the filter. An event concerns an
 * enterprise when its stream id contains the USCC (`enterprise-`, `declarations-`, `credit-`, `matters-`), when
 * its data names it (`uscc`), or when an earlier event of its stream did (a case or an inspection names the
 * enterprise once, when it opens): so it must see the events in order.
 */
export class EventMatcher {
  private readonly streamsOfEnterprise = new Set<string>();

  constructor(private readonly filter: EventFilter) {}

  matches(e: RecordedEvent): boolean {
    const f = this.filter;
    // Follow the enterprise's streams before anything else, so a later event of the stream is found whatever the other criteria.
    const concerns = f.uscc === undefined ? true : this.concernsEnterprise(e, f.uscc);
    if (!concerns) return false;
    if (f.from && e.recordedAt.getTime() < f.from.getTime()) return false;
    if (f.to && e.recordedAt.getTime() >= f.to.getTime()) return false;
    if (f.types?.length && !f.types.includes(e.type)) return false;
    if (f.actor !== undefined && e.metadata.actorId !== f.actor) return false;
    return true;
  }

  private concernsEnterprise(e: RecordedEvent, uscc: string): boolean {
    if (this.streamsOfEnterprise.has(e.streamId)) return true;
    const data = e.data as { uscc?: unknown } | null;
    if (e.streamId.includes(uscc) || (data !== null && typeof data === 'object' && data.uscc === uscc)) {
      this.streamsOfEnterprise.add(e.streamId);
      return true;
    }
    return false;
  }
}

/** Keeps the `offset`…`offset + limit` matches of events fed in order, and counts them all (pure, no I/O). */
export class PageCollector<T> {
  readonly items: T[] = [];
  total = 0;

  constructor(private readonly page: EventPage) {}

  offer(item: () => T): void {
    if (this.total >= this.page.offset && this.items.length < this.page.limit) this.items.push(item());
    this.total += 1;
  }
}

export interface FindOptions {
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Events matching the filter, in the global order, one page of them with the total.
 * Cost: the port has no index by time, type, actor or enterprise, so this reads the whole log once with
 * `readAll` in pages of `pageSize` (1,000), holding one page and the requested page of matches in memory;
 * a later page costs the same as the first.
 */
export async function findEvents(store: AuditStore, contexts: AuditContexts, filter: EventFilter, page: EventPage, options: FindOptions = {}): Promise<FoundEvents> {
  const matcher = new EventMatcher(filter);
  const collector = new PageCollector<AuditEvent>(page);
  let scanned = 0;
  for await (const events of scanLog(store, options.pageSize ?? SCAN_PAGE_SIZE, options.signal)) {
    for (const e of events) if (matcher.matches(e)) collector.offer(() => auditEventOf(e, foldFor(contexts, e.streamId)));
    scanned += events.length;
  }
  return { items: collector.items, total: collector.total, limit: page.limit, offset: page.offset, scanned };
}
