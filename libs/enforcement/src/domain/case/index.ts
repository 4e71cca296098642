export * from './case.commands.js';
export * from './case.events.js';
export * from './case.rules.js';
export * from './case.decider.js';
