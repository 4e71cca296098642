export * from './audit.errors.js';
export * from './audit-event.js';
export * from './audit-input.js';
export * from './replay-stream.js';
export * from './trace-correlation.js';
export * from './find-events.js';
export * from './audit.module.js';
