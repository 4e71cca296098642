export * from './runtime/projection.js';
export * from './runtime/checkpoints.js';
export * from './runtime/leader-lock.js';
export * from './runtime/projection-engine.js';
export * from './runtime/scratch-tables.js';
export * from './runtime/policy-refusals.js';
