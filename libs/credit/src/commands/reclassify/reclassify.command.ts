import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, ReclassifyData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `Reclassify` on the bus; the handler adds the facts. */
export const reclassify = (data: Omit<ReclassifyData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'Reclassify', data: { ...data, facts }, metadata }), expectedVersion);
