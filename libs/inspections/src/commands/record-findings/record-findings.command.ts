import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

/** `RecordFindings` on the bus. */
export const recordFindings = (data: { inspectionId: string; findings: unknown }, metadata: CommandMetadata, expectedRevision?: bigint): InspectionBusCommand =>
  new InspectionBusCommand(data.inspectionId, metadata, () => ({ type: 'RecordFindings', data, metadata }), {}, expectedRevision);
