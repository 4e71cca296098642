export * from './complaint.commands.js';
export * from './complaint.events.js';
export * from './complaint.rules.js';
export * from './complaint-access.policy.js';
export * from './complainant-masking.rules.js';
export * from './complaint.decider.js';
export * from './complainant-read.events.js';
