import type { CommandBus } from '@nestjs/cqrs';
import type { AnyDb, Migration } from '@regledger/database';
import type { Upcaster } from '@regledger/event-store';
import type { Policy, Projection } from '@regledger/read-models';

/** What a bounded context plugs into the engine: read-model migrations, projections, policies, upcasters. */
export interface ContextDefinition {
  name: string;
  migrations?: readonly Migration[];
  projections?: readonly Projection[];
  /** Reactions to events; `clock` is the engine's (the API's) clock, which their commands are stamped with. */
  policies?: (deps: { commandBus: CommandBus; clock: () => Date }) => readonly Policy[];
  upcasters?: readonly Upcaster[];
  /** Time-driven reactions (deadlines passing): run every SCHEDULE_INTERVAL_MS where workers run. */
  schedules?: (deps: { commandBus: CommandBus; readDb: AnyDb }) => readonly ScheduledTask[];
  /** How the audit replays each kind of stream this context writes: one fold per stream id prefix. */
  streams?: readonly StreamFold[];
}

/** An event as a fold sees it: its type and (upcast) data. */
export interface FoldableEvent {
  type: string;
  data: unknown;
}

/**
 * How to show one kind of stream to an auditor: the state its events fold to, with the context's own decider
 * (initial state + evolve). `fold` and `redact` are pure and hide what the context keeps confidential from an
 * analyst (a complainant's identity, domain.md §1, §6).
 */
export interface StreamFold {
  /** Stream ids of this kind start with it; where two prefixes match (`credit-`, `credit-scoring-policy`), the longest wins. */
  prefix: string;
  description: string;
  /** The state after these events, the first event of the stream first. */
  fold(events: readonly FoldableEvent[]): unknown;
  /** The event's data as an analyst may see it; as recorded when absent. */
  redact?(event: FoldableEvent): unknown;
}

/** A task that looks for deadlines that have passed and records them with idempotent commands. */
export interface ScheduledTask {
  name: string;
  run(now: Date): Promise<{ commandsSent: number }>;
}
