import type { CommandMetadata } from '@regledger/shared';
import type { RecordComplaintDeadlineMissedData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `RecordComplaintDeadlineMissed` on the bus. */
export const recordComplaintDeadlineMissed = (data: RecordComplaintDeadlineMissedData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'RecordComplaintDeadlineMissed', data, metadata }), expectedVersion);
