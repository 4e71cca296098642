import type { CommandMetadata } from '@regledger/shared';
import type { CreditFacts, PlaceOnAbnormalListData } from '../../domain/index.js';
import { CreditBusCommand } from '../credit-command.handler.js';

/** `PlaceOnAbnormalList` on the bus; the handler adds the facts. */
export const placeOnAbnormalList = (data: Omit<PlaceOnAbnormalListData, 'facts'>, metadata: CommandMetadata, expectedVersion?: number): CreditBusCommand =>
  new CreditBusCommand(data.uscc, metadata, (facts: CreditFacts) => ({ type: 'PlaceOnAbnormalList', data: { ...data, facts }, metadata }), expectedVersion);
