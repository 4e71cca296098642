import type { ContextDefinition } from '@regledger/engine';
import { complaintsProjection } from './projections/complaints.projection.js';
import { complaintDeadlineMissedSchedule } from './schedules/complaint-deadline-missed.schedule.js';

/** The complaints context as the engine sees it. */
export const complaintsContext: ContextDefinition = {
  name: 'complaints',
  projections: [complaintsProjection],
  schedules: ({ commandBus, readDb }) => [complaintDeadlineMissedSchedule(commandBus, readDb)],
};
