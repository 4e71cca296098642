import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, RemoveFromAbnormalListData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `RemoveFromAbnormalList` on the bus; the handler adds the facts. */
export const removeFromAbnormalList = (data: Omit<RemoveFromAbnormalListData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'RemoveFromAbnormalList', data: { ...data, facts }, metadata }), expectedVersion);
