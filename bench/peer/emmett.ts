/**
 * Emmett (`@event-driven-io/emmett-postgresql`) on the bench database, for the peer comparison.
 *
 * Emmett's SQL layer (dumbo) installs process-wide `pg` type parsers on first use: int8 as BigInt and
 * json/jsonb through a reviver that turns large numbers into BigInt. Left in place they would change
 * how RegLedger's own connections (the same `pg` module) parse rows, and slow its JSON parsing. So the
 * parsers are installed once, copied into a `types` table given only to Emmett's own pool, and the
 * process-wide ones put back: each store reads rows the way it does in production.
 */
import pg from 'pg';
import { dumbo, setNodePostgresTypeParser, sql, type Dumbo } from '@event-driven-io/dumbo';
import type { Event } from '@event-driven-io/emmett';
import {
  getPostgreSQLEventStore,
  postgreSQLRawSQLProjection,
  rebuildPostgreSQLProjections,
  type PostgresEventStore as EmmettEventStore,
  type PostgreSQLProjectionDefinition,
} from '@event-driven-io/emmett-postgresql';
import type { EnterpriseRegisteredData, EnterpriseRenamedData } from '@regledger/enterprises';
import type { EventToAppend } from '@regledger/event-store';
import type { RawQuery } from '../backends.js';

/** The `pg` types Emmett's layer overrides (text format). */
const EMMETT_TYPES = [20, 114, 3802] as const;

type TextParser = (value: string) => unknown;

/** Installs Emmett's parsers, returns them, and restores the process-wide ones. */
function emmettTypeParsers(): Map<number, TextParser> {
  const saved = new Map<number, TextParser>(EMMETT_TYPES.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]));
  setNodePostgresTypeParser({ force: true });
  const emmett = new Map<number, TextParser>(EMMETT_TYPES.map((oid) => [oid, pg.types.getTypeParser(oid, 'text')]));
  for (const [oid, parser] of saved) pg.types.setTypeParser(oid, 'text', parser);
  return emmett;
}

export interface EmmettBench {
  readonly store: EmmettEventStore;
  /** Emmett's handle on the pool, for its consumers. */
  readonly dumbo: Dumbo;
  readonly connectionString: string;
  /** Empties Emmett's streams, messages, processors and projections (its own API). */
  truncate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Emmett's PostgreSQL event store on its own `pg` pool of `poolSize` connections, schema created
 * (untimed): tables `emt_*` and `dmb_migrations` next to RegLedger's in the same database.
 */
export async function openEmmett(connectionString: string, poolSize: number): Promise<EmmettBench> {
  const parsers = emmettTypeParsers();
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    application_name: 'regledger-bench-emmett',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        (format !== 'binary' && parsers.get(oid)) || pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection whose backend is terminated (drop ... with force on Ctrl-C) must not crash the process.
  pool.on('error', () => undefined);
  const handle = dumbo({ connectionString, pool });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: handle } });
  try {
    await store.schema.migrate();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  if (pg.types.getTypeParser(20, 'text') === parsers.get(20)) throw new Error('Emmett replaced the process-wide pg type parsers');
  return {
    store,
    dumbo: handle,
    connectionString,
    truncate: () => store.schema.dangerous.truncate({ resetSequences: true }),
    async close() {
      await store.close().catch(() => undefined);
      await pool.end();
    },
  };
}

/** Emmett's event shape for one of RegLedger's fixtures (same type, data and metadata). */
export const toEmmettEvent = (e: EventToAppend): Event =>
  ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { ...e.metadata } }) as Event;

/** Counts what Emmett holds: every message, every stream, and its streams' positions summed. */
export async function assertEmmettHolds(raw: RawQuery, events: number, streams: number, side: string): Promise<void> {
  const [r] = await raw.query<{ events: string; streams: string; positions: string }>(
    `select (select count(*) from emt_messages)::text as events, (select count(*) from emt_streams)::text as streams,
            (select coalesce(sum(stream_position), 0) from emt_streams)::text as positions`,
  );
  if (Number(r.events) !== events || Number(r.streams) !== streams || Number(r.positions) !== events) {
    throw new Error(`${side}: expected ${events} events in ${streams} streams, found ${r.events} messages, ${r.streams} streams, positions summing to ${r.positions}`);
  }
}

type EnterpriseEmmettEvent =
  | Event<'EnterpriseRegistered', EnterpriseRegisteredData & Record<string, unknown>>
  | Event<'EnterpriseRenamed', EnterpriseRenamedData & Record<string, unknown>>;

const searchText = (names: readonly string[]): string => names.map((n) => n.toLowerCase()).join('\n');

/**
 * The enterprises read model as an Emmett raw-SQL projection: the same statements RegLedger's
 * `enterprisesProjection` issues per event, into a table of the same shape (registrations and renames).
 * Emmett's stream positions start at 1, RegLedger's revisions at 0: the row keeps position − 1 so that
 * both tables can be compared. Emmett's read events carry no recording time, so `updated_at` is now().
 * `onEvent` counts the events the projection was handed.
 */
export function emmettEnterprisesProjection(table: string, onEvent: () => void): PostgreSQLProjectionDefinition<EnterpriseEmmettEvent> {
  return postgreSQLRawSQLProjection<EnterpriseEmmettEvent>({
    name: `bench_${table}`,
    canHandle: ['EnterpriseRegistered', 'EnterpriseRenamed'],
    evolve: (event) => {
      onEvent();
      const rev = ((event as unknown as { metadata: { streamPosition: bigint } }).metadata.streamPosition - 1n).toString();
      if (event.type === 'EnterpriseRegistered') {
        const d = event.data;
        return sql(
          `insert into %I (uscc, name, search_text, jurisdiction, address, industry, status, registered_on, stream_revision, updated_at)
           values (%L, %L, %L, %L, %L, %L, 'registered', %L::date, %L::bigint, now())
           on conflict (uscc) do nothing`,
          table, d.uscc, d.name, searchText([d.name]), d.jurisdiction, d.address, d.industry, d.registeredOn, rev,
        );
      }
      const d = event.data;
      return sql(
        `update %I set name = %L, former_names = former_names || %L::jsonb, search_text = search_text || %L,
           stream_revision = %L::bigint, updated_at = now()
         where uscc = %L and stream_revision < %L::bigint`,
        table, d.newName, JSON.stringify([{ name: d.previousName, until: d.effectiveDate }]), `\n${d.newName.toLowerCase()}`, rev, d.uscc, rev,
      );
    },
  });
}

/**
 * Emmett's rebuild of a projection from the start of its log: a consumer that pulls `batchSize`
 * messages at a time and stops when none are left. `start()` resolves when it has caught up.
 */
export function emmettRebuild(bench: EmmettBench, projection: PostgreSQLProjectionDefinition<EnterpriseEmmettEvent>, batchSize: number) {
  return rebuildPostgreSQLProjections<EnterpriseEmmettEvent>({
    connectionString: bench.connectionString,
    pool: bench.dumbo,
    projection,
    pulling: { batchSize, pullingFrequencyInMs: 0 },
  });
}
