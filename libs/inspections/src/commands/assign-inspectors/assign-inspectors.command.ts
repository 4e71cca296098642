import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

/** `AssignInspectors` on the bus; the handler adds the inspector pool's facts. */
export const assignInspectors = (data: { inspectionId: string; inspectorIds: unknown }, metadata: CommandMetadata, expectedRevision?: bigint): InspectionBusCommand =>
  new InspectionBusCommand(data.inspectionId, metadata, (c) => ({ type: 'AssignInspectors', data: { ...data, inspectors: c.inspectors }, metadata }), { inspectorIds: data.inspectorIds }, expectedRevision);
