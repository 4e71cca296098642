export * from './plan.events.js';
export * from './plan.commands.js';
export * from './plan.rules.js';
export * from './plan-access.policy.js';
export * from './plan.decider.js';
export * from './draw-verification.rules.js';
