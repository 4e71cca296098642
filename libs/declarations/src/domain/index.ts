export * from './standard-number.rule.js';
export * from './product-category.js';
export * from './declaration.types.js';
export * from './declaration.commands.js';
export * from './declaration.events.js';
export * from './declaration.rules.js';
export * from './declaration-access.policy.js';
export * from './declaration.decider.js';
