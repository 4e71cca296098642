import type { ContextDefinition } from '@regledger/engine';
import { enterprisesProjection } from './projections/enterprises.projection.js';

/** The enterprises context as the engine sees it. */
export const enterprisesContext: ContextDefinition = {
  name: 'enterprises',
  projections: [enterprisesProjection],
};
