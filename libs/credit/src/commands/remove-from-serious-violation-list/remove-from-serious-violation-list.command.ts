import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, RemoveFromSeriousViolationListData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `RemoveFromSeriousViolationList` on the bus; the handler adds the facts. */
export const removeFromSeriousViolationList = (data: Omit<RemoveFromSeriousViolationListData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'RemoveFromSeriousViolationList', data: { ...data, facts }, metadata }), expectedVersion);
