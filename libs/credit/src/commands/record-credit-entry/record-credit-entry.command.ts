import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, RecordCreditEntryData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `RecordCreditEntry` on the bus; the handler adds the facts. */
export const recordCreditEntry = (data: Omit<RecordCreditEntryData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'RecordCreditEntry', data: { ...data, facts }, metadata }), expectedVersion);
