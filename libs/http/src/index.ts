export * from './access.decorator.js';
export * from './request-context.js';
export * from './auth.guard.js';
export * from './error.filter.js';
export * from './validation.pipe.js';
export * from './command-metadata.js';
export * from './correlation.middleware.js';
export * from './command-response.js';
