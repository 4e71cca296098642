import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

export interface OpenFollowUpInspectionRequest {
  inspectionId: string;
  matterId: string;
  round: number;
  uscc: string;
  authority: string;
  product: unknown;
  dueOn: string;
}

/** `OpenFollowUpInspection` on the bus; the handler adds the enterprise's facts. */
export const openFollowUpInspection = (data: OpenFollowUpInspectionRequest, metadata: CommandMetadata): InspectionBusCommand =>
  new InspectionBusCommand(
    data.inspectionId,
    metadata,
    (c) => ({ type: 'OpenFollowUpInspection', data: { ...data, enterprise: c.enterprise }, metadata }),
    { uscc: data.uscc },
  );
