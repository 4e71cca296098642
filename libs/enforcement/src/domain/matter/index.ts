export * from './matter.commands.js';
export * from './matter.events.js';
export * from './matter.rules.js';
export * from './matter.decider.js';
