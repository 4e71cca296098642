import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

/** `StartInspection` on the bus. */
export const startInspection = (data: { inspectionId: string }, metadata: CommandMetadata, expectedRevision?: bigint): InspectionBusCommand =>
  new InspectionBusCommand(data.inspectionId, metadata, () => ({ type: 'StartInspection', data, metadata }), {}, expectedRevision);
