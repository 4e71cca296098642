import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

export interface OpenDrawnInspectionRequest {
  inspectionId: string;
  planId: string;
  authority: string;
  uscc: string;
  productKey: string | null;
  inspectorIds: string[];
}

/** `OpenDrawnInspection` on the bus; the handler adds the enterprise's facts. */
export const openDrawnInspection = (data: OpenDrawnInspectionRequest, metadata: CommandMetadata): InspectionBusCommand =>
  new InspectionBusCommand(data.inspectionId, metadata, (c) => ({ type: 'OpenDrawnInspection', data: { ...data, enterprise: c.enterprise }, metadata }), { uscc: data.uscc });
