import type { CommandMetadata } from '@regledger/shared';
import type { PauseForTestingData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `PauseForTesting` on the bus. */
export const pauseForTesting = (data: PauseForTestingData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'PauseForTesting', data, metadata }), expectedVersion);
