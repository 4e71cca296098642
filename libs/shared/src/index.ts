export * from './domain-error.js';
export * from './decider.js';
export * from './jurisdiction.js';
export * from './canonical-json.js';
export * from './calendar.js';
export * from './working-days.js';
export * from './field-checks.js';
export * from './retry-id.js';
