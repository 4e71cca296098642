export * from './engine-config.js';
export * from './json-logger.js';
export * from './context-definition.js';
export * from './due-rows-schedule.js';
export * from './engine.js';
export * from './engine.module.js';
export * from './data-dir-lock.js';
export * from './working-day-calendar.js';
