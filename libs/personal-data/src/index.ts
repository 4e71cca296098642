export * from './sealing.js';
export * from './subject.js';
export * from './key-store.js';
export * from './vault.js';
export * from './revealing-reader.js';
export * from './personal-data-config.js';
