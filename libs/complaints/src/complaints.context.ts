import type { ContextDefinition } from '@regledger/engine';

/** The complaints context as the engine sees it. */
export const complaintsContext: ContextDefinition = {
  name: 'complaints',
};
