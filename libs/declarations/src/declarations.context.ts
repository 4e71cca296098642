import type { ContextDefinition } from '@regledger/engine';
import { fold } from '@regledger/shared';
import { DECLARATIONS_STREAM_PREFIX, declarationDecider, type DeclarationEvent } from './domain/index.js';
import { declarationsProjection } from './projections/declarations.projection.js';
import { searchIndexMigrations } from './projections/search-indexes.js';
import { redeclarationOnRenamePolicy } from './policies/redeclaration-on-rename.policy.js';
import { redeclarationOverdueSchedule } from './schedules/redeclaration-overdue.schedule.js';

/** The declarations context as the engine sees it. */
export const declarationsContext: ContextDefinition = {
  name: 'declarations',
  migrations: searchIndexMigrations,
  projections: [declarationsProjection],
  streams: [
    {
      prefix: DECLARATIONS_STREAM_PREFIX,
      description: "one enterprise's declarations (by USCC): every declared standard, its versions, reviews and re-declarations",
      fold: (events) => fold(declarationDecider, events as readonly DeclarationEvent[]),
    },
  ],
  policies: ({ commandBus, clock }) => [redeclarationOnRenamePolicy(commandBus, clock)],
  schedules: ({ commandBus, readDb }) => [redeclarationOverdueSchedule(commandBus, readDb)],
};
