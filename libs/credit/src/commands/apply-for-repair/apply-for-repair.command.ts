import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, ApplyForRepairData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `ApplyForRepair` on the bus; the handler adds the facts. */
export const applyForRepair = (data: Omit<ApplyForRepairData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'ApplyForRepair', data: { ...data, facts }, metadata }), expectedVersion);
