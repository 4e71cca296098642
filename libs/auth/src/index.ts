export * from './jwt.js';
export * from './auth-config.js';
