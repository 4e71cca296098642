export * from './draw.types.js';
export * from './draw.rules.js';
