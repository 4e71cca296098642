import type { CommandMetadata } from '@regledger/shared';
import type { EscalateToInspectionData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `EscalateToInspection` on the bus. */
export const escalateToInspection = (data: EscalateToInspectionData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'EscalateToInspection', data, metadata }), expectedVersion);
