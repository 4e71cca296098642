export * from './enforcement.types.js';
export * from './enforcement.rules.js';
export * from './enforcement-access.policy.js';
export * from './matter/index.js';
export * from './case/index.js';
