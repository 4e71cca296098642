export * from './domain/index.js';
export * from './complaints.module.js';
export * from './complaints.context.js';
