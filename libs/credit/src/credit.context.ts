import type { ContextDefinition } from '@regledger/engine';
import { fold } from '@regledger/shared';
import {
  CREDIT_STREAM_PREFIX,
  SCORING_POLICY_STREAM,
  creditRecordDecider,
  scoringPolicyDecider,
  type CreditEvent,
  type CreditPolicy,
  type ScoringPolicyEvent,
} from './domain/index.js';
import { loadCreditConfig } from './credit.config.js';
import { creditProjection } from './projections/credit.projection.js';
import { creditEntriesFromComplaintsPolicy, creditEntriesFromEnforcementPolicy, creditEntriesFromInspectionsPolicy } from './policies/credit-entries.policy.js';
import { creditReclassificationSchedule } from './schedules/credit-reclassification.schedule.js';
import { abnormalThreeYearsSchedule, seriousViolationTermSchedule } from './schedules/credit-listing-terms.schedule.js';

/** The credit context as the engine sees it, its schedules on the policy `config` gives when the engine builds them. */
export const creditContextWith = (config: () => CreditPolicy): ContextDefinition => ({
  name: 'credit',
  projections: [creditProjection],
  streams: [
    {
      prefix: CREDIT_STREAM_PREFIX,
      description: "one enterprise's credit record (by USCC): entries linked to their events, risk classes, listings, repair",
      fold: (events) => fold(creditRecordDecider, events as readonly CreditEvent[]),
    },
    {
      prefix: SCORING_POLICY_STREAM,
      description: 'the versioned credit scoring policy',
      fold: (events) => fold(scoringPolicyDecider, events as readonly ScoringPolicyEvent[]),
    },
  ],
  policies: ({ commandBus, clock }) => [
    creditEntriesFromEnforcementPolicy(commandBus, clock),
    creditEntriesFromInspectionsPolicy(commandBus, clock),
    creditEntriesFromComplaintsPolicy(commandBus, clock),
  ],
  schedules: ({ commandBus, readDb }) => [creditReclassificationSchedule(commandBus, readDb, config()), seriousViolationTermSchedule(commandBus, readDb), abnormalThreeYearsSchedule(commandBus, readDb)],
});

/** The credit context with the policy loaded from the environment at start (`loadCreditConfig`), as the module's CREDIT_CONFIG. */
export const creditContext: ContextDefinition = creditContextWith(() => loadCreditConfig(process.env));
