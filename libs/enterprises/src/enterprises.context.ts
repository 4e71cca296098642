import type { ContextDefinition } from '@regledger/engine';
import { fold } from '@regledger/shared';
import { ENTERPRISE_STREAM_PREFIX, enterpriseDecider, type EnterpriseEvent } from './domain/index.js';
import { enterprisesProjection } from './projections/enterprises.projection.js';

/** The enterprises context as the engine sees it. */
export const enterprisesContext: ContextDefinition = {
  name: 'enterprises',
  projections: [enterprisesProjection],
  streams: [
    {
      prefix: ENTERPRISE_STREAM_PREFIX,
      description: 'one enterprise of the register (by USCC): registration, renames, deregistration',
      fold: (events) => fold(enterpriseDecider, events as readonly EnterpriseEvent[]),
    },
  ],
};
