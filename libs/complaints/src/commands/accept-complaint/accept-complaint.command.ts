import type { CommandMetadata } from '@regledger/shared';
import type { AcceptComplaintData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `AcceptComplaint` on the bus. */
export const acceptComplaint = (data: AcceptComplaintData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'AcceptComplaint', data, metadata }), expectedVersion);
