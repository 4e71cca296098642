import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

export interface OpenTargetedInspectionRequest {
  inspectionId: string;
  uscc: string;
  source: unknown;
  reference: unknown;
  product: unknown;
  description: unknown;
  inspectorIds: unknown;
  /** Division code of the inspecting authority; null: the actor's jurisdiction. */
  authority: string | null;
}

/** `OpenTargetedInspection` on the bus; the handler adds the enterprise's and the inspectors' facts. */
export const openTargetedInspection = (data: OpenTargetedInspectionRequest, metadata: CommandMetadata): InspectionBusCommand =>
  new InspectionBusCommand(
    data.inspectionId,
    metadata,
    (c) => ({ type: 'OpenTargetedInspection', data: { ...data, enterprise: c.enterprise, inspectors: c.inspectors }, metadata }),
    { uscc: typeof data.uscc === 'string' ? data.uscc.trim().toUpperCase() : undefined, inspectorIds: data.inspectorIds },
  );
