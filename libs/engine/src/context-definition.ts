import type { CommandBus } from '@nestjs/cqrs';
import type { Migration } from '@regledger/database';
import type { Upcaster } from '@regledger/event-store';
import type { Policy, Projection } from '@regledger/read-models';

/** What a bounded context plugs into the engine: read-model migrations, projections, policies, upcasters. */
export interface ContextDefinition {
  name: string;
  migrations?: readonly Migration[];
  projections?: readonly Projection[];
  policies?: (deps: { commandBus: CommandBus }) => readonly Policy[];
  upcasters?: readonly Upcaster[];
}
