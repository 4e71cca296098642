import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

/** `PublishInspectionResult` on the bus. */
export const publishInspectionResult = (data: { inspectionId: string }, metadata: CommandMetadata, expectedRevision?: bigint): InspectionBusCommand =>
  new InspectionBusCommand(data.inspectionId, metadata, () => ({ type: 'PublishInspectionResult', data, metadata }), {}, expectedRevision);
