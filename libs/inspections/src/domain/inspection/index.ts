export * from './inspection.types.js';
export * from './inspection.events.js';
export * from './inspection.commands.js';
export * from './inspection.rules.js';
export * from './inspection-access.policy.js';
export * from './inspection.decider.js';
