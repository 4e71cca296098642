export * from './domain/draw/index.js';
export * from './inspections.module.js';
export * from './inspections.context.js';
export * from './planning.parts.js';
export * from './tasks.parts.js';
