import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, ListSeriousViolationData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `ListSeriousViolation` on the bus; the handler adds the facts. */
export const listSeriousViolation = (data: Omit<ListSeriousViolationData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'ListSeriousViolation', data: { ...data, facts }, metadata }), expectedVersion);
