import type { CommandMetadata } from '@regledger/shared';
import type { RejectComplaintData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `RejectComplaint` on the bus. */
export const rejectComplaint = (data: RejectComplaintData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'RejectComplaint', data, metadata }), expectedVersion);
