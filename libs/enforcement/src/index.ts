export * from './domain/index.js';
export * from './enforcement.module.js';
export * from './enforcement.config.js';
export * from './enforcement.context.js';
export { MatterBusCommand, MatterCommandHandler, matterStep, recordNonCompliance } from './commands/matter-command.handler.js';
export { CaseBusCommand, CaseCommandHandler, caseCommand } from './commands/case-command.handler.js';
export { enforcementProjection } from './projections/enforcement.projection.js';
