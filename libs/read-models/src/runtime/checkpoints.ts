import { sql } from 'kysely';
import { toBigInt, toDate, type AnyDb, type Migration } from '@regledger/database';
import { START, type LogPosition } from '@regledger/event-store';
import { policyRefusalMigrations } from './policy-refusals.js';

export const readModelRuntimeMigrations: Migration[] = [
  {
    id: 'read-models/0001-checkpoints',
    async up(db) {
      await sql`
        create table rm_checkpoints (
          name text primary key,
          kind text not null,
          version integer not null,
          position_commit numeric(20,0) not null default 0,
          position_prepare numeric(20,0) not null default 0,
          global_position bigint not null default 0,
          events_seen bigint not null default 0,
          last_event_at timestamptz,
          log_identity text,
          updated_at timestamptz not null default now()
        )`.execute(db);
    },
  },
  ...policyRefusalMigrations,
];

export interface Checkpoint {
  name: string;
  kind: 'projection' | 'rebuild' | 'policy';
  version: number;
  position: LogPosition;
  globalPosition: bigint;
  eventsSeen: bigint;
  lastEventAt: Date | null;
  logIdentity: string | null;
  updatedAt: Date;
}

interface Row {
  name: string;
  kind: Checkpoint['kind'];
  version: number;
  position_commit: string;
  position_prepare: string;
  global_position: string;
  events_seen: string;
  last_event_at: Date | null;
  log_identity: string | null;
  updated_at: Date;
}

const toCheckpoint = (r: Row): Checkpoint => ({
  name: r.name,
  kind: r.kind,
  version: Number(r.version),
  position: { commit: toBigInt(r.position_commit), prepare: toBigInt(r.position_prepare) },
  globalPosition: toBigInt(r.global_position),
  eventsSeen: toBigInt(r.events_seen),
  lastEventAt: r.last_event_at ? toDate(r.last_event_at) : null,
  logIdentity: r.log_identity,
  updatedAt: toDate(r.updated_at),
});

const COLUMNS = sql.raw(
  'name, kind, version, position_commit::text as position_commit, position_prepare::text as position_prepare, global_position::text as global_position, events_seen::text as events_seen, last_event_at, log_identity, updated_at',
);

export async function readCheckpoint(db: AnyDb, name: string, forUpdate = false): Promise<Checkpoint | null> {
  const r = forUpdate
    ? await sql<Row>`select ${COLUMNS} from rm_checkpoints where name = ${name} for update`.execute(db)
    : await sql<Row>`select ${COLUMNS} from rm_checkpoints where name = ${name}`.execute(db);
  return r.rows.length ? toCheckpoint(r.rows[0]) : null;
}

export async function listCheckpoints(db: AnyDb): Promise<Checkpoint[]> {
  const r = await sql<Row>`select ${COLUMNS} from rm_checkpoints order by name`.execute(db);
  return r.rows.map(toCheckpoint);
}

export async function ensureCheckpoint(db: AnyDb, name: string, kind: Checkpoint['kind'], version: number, logIdentity: string | null): Promise<Checkpoint> {
  await sql`
    insert into rm_checkpoints (name, kind, version, position_commit, position_prepare, log_identity)
    values (${name}, ${kind}, ${version}, ${START.commit.toString()}::numeric, ${START.prepare.toString()}::numeric, ${logIdentity})
    on conflict (name) do nothing`.execute(db);
  return (await readCheckpoint(db, name))!;
}

/**
 * Moves a checkpoint from `from` to `to` only if nobody moved it meanwhile (compare-and-set); returns
 * false when another worker got there first.
 */
export async function advanceCheckpoint(
  trx: AnyDb,
  name: string,
  from: LogPosition,
  to: { position: LogPosition; globalPosition: bigint; events: number; lastEventAt: Date | null },
): Promise<boolean> {
  const r = await sql`
    update rm_checkpoints
    set position_commit = ${to.position.commit.toString()}::numeric,
        position_prepare = ${to.position.prepare.toString()}::numeric,
        global_position = ${to.globalPosition.toString()}::bigint,
        events_seen = events_seen + ${to.events},
        last_event_at = coalesce(${to.lastEventAt ? to.lastEventAt.toISOString() : null}::timestamptz, last_event_at),
        updated_at = now()
    where name = ${name}
      and position_commit = ${from.commit.toString()}::numeric
      and position_prepare = ${from.prepare.toString()}::numeric`.execute(trx);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

export async function deleteCheckpoint(db: AnyDb, name: string): Promise<void> {
  await sql`delete from rm_checkpoints where name = ${name}`.execute(db);
}
