export * from './pool.rules.js';
