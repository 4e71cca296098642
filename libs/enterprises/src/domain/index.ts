export * from './uscc.rule.js';
export * from './enterprise.events.js';
export * from './enterprise.commands.js';
export * from './enterprise.rules.js';
export * from './enterprise-access.policy.js';
export * from './enterprise.decider.js';
