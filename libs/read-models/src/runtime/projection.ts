import type { AnyDb } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import type { CommandMetadata } from '@regledger/shared';

/** Actual table names for a projection's base names: the live ones, or the `__next` ones of a rebuild. */
export type TableNames = Readonly<Record<string, string>>;

/**
 * A read model: tables in PostgreSQL (or PGlite) built from the log.
 * - `createTables` creates the tables under the names given, and never names an index or constraint
 *   itself (PostgreSQL picks names that cannot collide when blue and green tables coexist);
 * - `apply` must be idempotent: applying the same events twice leaves the same rows (rows carry the
 *   last stream revision applied and ignore anything at or below it).
 */
export interface Projection {
  readonly name: string;
  /** Bumped when the tables or the logic change; a new version is built blue/green. */
  readonly version: number;
  /** Base table names this projection owns. */
  readonly tables: readonly string[];
  /** Event types it reads; others only move its checkpoint. */
  readonly handles: readonly string[];
  createTables(db: AnyDb, tables: TableNames): Promise<void>;
  apply(trx: AnyDb, events: readonly RecordedEvent[], tables: TableNames): Promise<void>;
}

export const liveTables = (p: Projection): TableNames => Object.fromEntries(p.tables.map((t) => [t, t]));
export const nextTables = (p: Projection): TableNames => Object.fromEntries(p.tables.map((t) => [t, `${t}__next`]));
export const oldTables = (p: Projection): TableNames => Object.fromEntries(p.tables.map((t) => [t, `${t}__old`]));

/** A reaction across contexts: on an event, it sends commands. It never runs during a rebuild. */
export interface Policy {
  readonly name: string;
  readonly handles: readonly string[];
  /** Must be safe to run twice for the same event: send commands with `idempotencyKeyFor(policy, event)`. */
  react(event: RecordedEvent): Promise<void>;
}

export const idempotencyKeyFor = (policy: { name: string }, event: RecordedEvent, suffix = ''): string =>
  `policy:${policy.name}:${event.id}${suffix ? `:${suffix}` : ''}`;

/** Who acts when the engine reacts on its own (a policy to `cause`, or a schedule with no cause). */
export const systemMetadata = (name: string, cause: RecordedEvent | null, idempotencyKey: string, now = new Date()): CommandMetadata => ({
  now: now.toISOString(),
  actor: { id: `system:${name}`, role: 'system', jurisdiction: '000000' },
  correlationId: cause?.metadata.correlationId ?? idempotencyKey,
  causationId: cause?.id,
  idempotencyKey,
  reason: cause ? `reaction to ${cause.type} ${cause.id}` : undefined,
});
