export * from './enforcement.module.js';
export * from './enforcement.context.js';
