import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

/** `RecordResultPublicationOverdue` on the bus (sent by the scheduler). */
export const recordResultPublicationOverdue = (data: { inspectionId: string }, metadata: CommandMetadata): InspectionBusCommand =>
  new InspectionBusCommand(data.inspectionId, metadata, () => ({ type: 'RecordResultPublicationOverdue', data, metadata }));
