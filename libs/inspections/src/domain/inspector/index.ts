export * from './inspector.events.js';
export * from './inspector.commands.js';
export * from './inspector.rules.js';
export * from './inspector-access.policy.js';
export * from './inspector.decider.js';
