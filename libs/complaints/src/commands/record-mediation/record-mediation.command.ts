import type { CommandMetadata } from '@regledger/shared';
import type { RecordMediationData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `RecordMediation` on the bus. */
export const recordMediation = (data: RecordMediationData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'RecordMediation', data, metadata }), expectedVersion);
