import type { ContextDefinition } from '@regledger/engine';

/** The credit context as the engine sees it. */
export const creditContext: ContextDefinition = {
  name: 'credit',
};
