import type { ContextDefinition } from '@regledger/engine';

/** The enforcement context as the engine sees it. */
export const enforcementContext: ContextDefinition = {
  name: 'enforcement',
};
