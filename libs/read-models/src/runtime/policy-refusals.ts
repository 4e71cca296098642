import { sql } from 'kysely';
import type { AnyDb, Migration } from '@regledger/database';
import type { RecordedEvent } from '@regledger/event-store';
import { DomainError, type DomainErrorKind } from '@regledger/shared';

export const policyRefusalMigrations: Migration[] = [
  {
    id: 'read-models/0002-policy-refusals',
    async up(db) {
      await sql`
        create table rm_policy_refusals (
          policy text not null,
          event_id uuid not null,
          event_type text not null,
          stream_id text not null,
          global_position bigint not null,
          code text not null,
          message text not null,
          refused_at timestamptz not null default now(),
          primary key (policy, event_id)
        )`.execute(db);
    },
  },
];

/** Refusals that sending the same command again would meet again. */
const PERMANENT_KINDS: ReadonlySet<DomainErrorKind> = new Set(['validation', 'not_found', 'conflict', 'rule', 'forbidden', 'precondition']);

/** Conflicts that a retry resolves: another writer moved the stream between the read and the append. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['STREAM.WRONG_EXPECTED_REVISION']);

/**
 * A policy's command refused for good: the fact it reacts to no longer applies (the matter closed meanwhile, a USCC
 * the register does not know). Retrying the event would meet the same refusal forever, so the reaction is recorded
 * as refused and the policy goes on. Anything else — the database away, a concurrent writer — is retried.
 */
export const isPermanentRefusal = (e: unknown): e is DomainError => e instanceof DomainError && PERMANENT_KINDS.has(e.kind) && !TRANSIENT_CODES.has(e.code);

export interface PolicyRefusal {
  policy: string;
  eventId: string;
  eventType: string;
  streamId: string;
  globalPosition: bigint;
  code: string;
  message: string;
  refusedAt: Date;
}

/** Records a refused reaction once per policy and event (a policy re-run over the same event records nothing more). */
export async function recordPolicyRefusal(db: AnyDb, policy: string, event: RecordedEvent, error: DomainError): Promise<void> {
  await sql`
    insert into rm_policy_refusals (policy, event_id, event_type, stream_id, global_position, code, message)
    values (${policy}, ${event.id}::uuid, ${event.type}, ${event.streamId}, ${event.globalPosition.toString()}::bigint, ${error.code}, ${error.message})
    on conflict (policy, event_id) do nothing`.execute(db);
}

/** Refused reactions, newest first. */
export async function listPolicyRefusals(db: AnyDb, options: { policy?: string; limit?: number } = {}): Promise<PolicyRefusal[]> {
  const where = options.policy ? sql`where policy = ${options.policy}` : sql``;
  const r = await sql<{ policy: string; event_id: string; event_type: string; stream_id: string; global_position: string; code: string; message: string; refused_at: Date | string }>`
    select policy, event_id::text as event_id, event_type, stream_id, global_position::text as global_position, code, message, refused_at
    from rm_policy_refusals ${where} order by rm_policy_refusals.refused_at desc, rm_policy_refusals.global_position desc limit ${options.limit ?? 100}`.execute(db);
  return r.rows.map((row) => ({
    policy: row.policy,
    eventId: row.event_id,
    eventType: row.event_type,
    streamId: row.stream_id,
    globalPosition: BigInt(row.global_position),
    code: row.code,
    message: row.message,
    refusedAt: new Date(row.refused_at),
  }));
}

/** How many reactions each policy had refused. */
export async function countPolicyRefusals(db: AnyDb): Promise<Map<string, number>> {
  const r = await sql<{ policy: string; n: string | number }>`select policy, count(*) as n from rm_policy_refusals group by policy`.execute(db);
  return new Map(r.rows.map((row) => [row.policy, Number(row.n)]));
}

/**
 * Sends a reaction's commands in order. A command refused for good does not stop the ones after it; once all are
 * sent, the first such refusal is thrown for the engine to record (isPermanentRefusal). Any other failure is thrown
 * at once, and the event is reacted to again from the policy's checkpoint (the commands carry idempotency keys).
 */
export async function sendReactions<C>(bus: { execute(command: C): Promise<unknown> }, commands: Iterable<C>): Promise<void> {
  let refused: DomainError | null = null;
  for (const command of commands) {
    try {
      await bus.execute(command);
    } catch (e) {
      if (!isPermanentRefusal(e)) throw e;
      refused ??= e;
    }
  }
  if (refused) throw refused;
}
