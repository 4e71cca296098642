import type { ContextDefinition } from '@regledger/engine';
import { fold } from '@regledger/shared';
import { CASE_STREAM_PREFIX, MATTER_STREAM_PREFIX, caseDecider, matterDecider, type CaseEvent, type MatterEvent } from './domain/index.js';
import { enforcementProjection } from './projections/enforcement.projection.js';
import { nonComplianceFromInspectionPolicy } from './policies/non-compliance-from-inspection.policy.js';
import { nonComplianceFromDeclarationsPolicy } from './policies/non-compliance-from-declarations.policy.js';
import { caseOnVerifiedReportPolicy } from './policies/case-on-verified-report.policy.js';
import { publicationEndedOnRepairPolicy } from './policies/publication-ended-on-repair.policy.js';
import { matterDeadlineMissedSchedule } from './schedules/matter-deadline-missed.schedule.js';
import { caseDeadlineMissedSchedule } from './schedules/case-deadline-missed.schedule.js';
import { penaltyPublicationOverdueSchedule } from './schedules/penalty-publication-overdue.schedule.js';
import { penaltyPublicationWindowSchedule } from './schedules/penalty-publication-window.schedule.js';

/** The enforcement context as the engine sees it: its read model, its reactions to other contexts, its deadlines. */
export const enforcementContext: ContextDefinition = {
  name: 'enforcement',
  projections: [enforcementProjection],
  streams: [
    {
      prefix: MATTER_STREAM_PREFIX,
      description: "one enterprise's non-compliance matters about one subject (USCC and subject digest): the SAMR Order 18 path, declaration duties",
      fold: (events) => fold(matterDecider, events as readonly MatterEvent[]),
    },
    {
      prefix: CASE_STREAM_PREFIX,
      description: 'one case: lead, opening, pauses and extensions, penalty decision, publication',
      fold: (events) => fold(caseDecider, events as readonly CaseEvent[]),
    },
  ],
  policies: ({ commandBus, clock }) => [
    nonComplianceFromInspectionPolicy(commandBus, clock),
    nonComplianceFromDeclarationsPolicy(commandBus, clock),
    caseOnVerifiedReportPolicy(commandBus, clock),
    publicationEndedOnRepairPolicy(commandBus, clock),
  ],
  schedules: ({ commandBus, readDb }) => [
    matterDeadlineMissedSchedule(commandBus, readDb),
    caseDeadlineMissedSchedule(commandBus, readDb),
    penaltyPublicationOverdueSchedule(commandBus, readDb),
    penaltyPublicationWindowSchedule(commandBus, readDb),
  ],
};
