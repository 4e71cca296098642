export * from './projection-spec.js';
