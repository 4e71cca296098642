import type { ContextDefinition } from '@regledger/engine';
import { InspectionCommandHandler } from './commands/inspection-command.handler.js';
import { InspectionsController } from './http/inspections.controller.js';
import { InspectionResultsController } from './http/inspection-results.controller.js';
import { inspectionsProjection } from './projections/inspections.projection.js';
import { inspectionsFromDrawPolicy } from './policies/inspections-from-draw.policy.js';
import { targetedInspectionOnEscalationPolicy } from './policies/targeted-inspection-on-escalation.policy.js';
import { followUpInspectionOnRequestPolicy } from './policies/follow-up-inspection-on-request.policy.js';
import { GetInspectionHandler } from './queries/get-inspection/get-inspection.query.js';
import { FindInspectionsHandler } from './queries/find-inspections/find-inspections.query.js';
import { FindInspectionResultsHandler } from './queries/find-inspection-results/find-inspection-results.query.js';
import { FindPublicationOverdueHandler } from './queries/find-publication-overdue/find-publication-overdue.query.js';
import { resultPublicationOverdueSchedule } from './schedules/result-publication-overdue.schedule.js';

/** Inspection tasks, findings, outcomes and publication: what this part adds to the inspections context and module. */
export const tasksContextParts: Omit<ContextDefinition, 'name'> = {
  projections: [inspectionsProjection],
  policies: ({ commandBus, clock }) => [
    inspectionsFromDrawPolicy(commandBus, clock),
    targetedInspectionOnEscalationPolicy(commandBus, clock),
    followUpInspectionOnRequestPolicy(commandBus, clock),
  ],
  schedules: ({ commandBus, readDb }) => [resultPublicationOverdueSchedule(commandBus, readDb)],
};
export const TASKS_CONTROLLERS = [InspectionsController, InspectionResultsController];
export const TASKS_PROVIDERS = [InspectionCommandHandler, GetInspectionHandler, FindInspectionsHandler, FindInspectionResultsHandler, FindPublicationOverdueHandler];
