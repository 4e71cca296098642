import type { ContextDefinition } from '@regledger/engine';
import { creditProjection } from './projections/credit.projection.js';
import { creditEntriesFromComplaintsPolicy, creditEntriesFromEnforcementPolicy, creditEntriesFromInspectionsPolicy } from './policies/credit-entries.policy.js';
import { creditReclassificationSchedule } from './schedules/credit-reclassification.schedule.js';
import { abnormalThreeYearsSchedule, seriousViolationTermSchedule } from './schedules/credit-listing-terms.schedule.js';

/** The credit context as the engine sees it. */
export const creditContext: ContextDefinition = {
  name: 'credit',
  projections: [creditProjection],
  policies: ({ commandBus, clock }) => [
    creditEntriesFromEnforcementPolicy(commandBus, clock),
    creditEntriesFromInspectionsPolicy(commandBus, clock),
    creditEntriesFromComplaintsPolicy(commandBus, clock),
  ],
  schedules: ({ commandBus, readDb }) => [creditReclassificationSchedule(commandBus, readDb), seriousViolationTermSchedule(commandBus, readDb), abnormalThreeYearsSchedule(commandBus, readDb)],
};
