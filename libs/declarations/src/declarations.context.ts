import type { ContextDefinition } from '@regledger/engine';
import { declarationsProjection } from './projections/declarations.projection.js';
import { redeclarationOnRenamePolicy } from './policies/redeclaration-on-rename.policy.js';
import { redeclarationOverdueSchedule } from './schedules/redeclaration-overdue.schedule.js';

/** The declarations context as the engine sees it. */
export const declarationsContext: ContextDefinition = {
  name: 'declarations',
  projections: [declarationsProjection],
  policies: ({ commandBus, clock }) => [redeclarationOnRenamePolicy(commandBus, clock)],
  schedules: ({ commandBus, readDb }) => [redeclarationOverdueSchedule(commandBus, readDb)],
};
