import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, DecideRepairData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `DecideRepair` on the bus; the handler adds the facts. */
export const decideRepair = (data: Omit<DecideRepairData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'DecideRepair', data: { ...data, facts }, metadata }), expectedVersion);
