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
}

/** A task that looks for deadlines that have passed and records them with idempotent commands. */
export interface ScheduledTask {
  name: string;
  run(now: Date): Promise<{ commandsSent: number }>;
}
