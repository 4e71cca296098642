import type { CommandMetadata } from '@regledger/shared';
import type { CloseComplaintData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `CloseComplaint` on the bus. */
export const closeComplaint = (data: CloseComplaintData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'CloseComplaint', data, metadata }), expectedVersion);
