export * from './domain/index.js';
export * from './credit.module.js';
export * from './credit.context.js';
export * from './credit-id.js';
export { CreditBusCommand, CreditCommandHandler, ScoringPolicyBusCommand, creditRequestFingerprint } from './commands/credit-command.handler.js';
export { creditProjection } from './projections/credit.projection.js';
export { creditCommandsForComplaints, creditCommandsForEnforcement, creditCommandsForInspections } from './policies/credit-entries.policy.js';
export * from './credit.config.js';
