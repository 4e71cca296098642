export * from './credit.module.js';
export * from './credit.context.js';
