import type { CommandMetadata } from '@regledger/shared';
import { InspectionBusCommand } from '../inspection-command.handler.js';

export interface CompleteInspectionRequest {
  inspectionId: string;
  outcome: unknown;
  productionDate: unknown;
  product: unknown;
  declarationId: unknown;
  note: unknown;
}

/** `CompleteInspection` on the bus; the handler adds the declaration versions in force on the production date (domain.md §3). */
export const completeInspection = (data: CompleteInspectionRequest, metadata: CommandMetadata, expectedRevision?: bigint): InspectionBusCommand =>
  new InspectionBusCommand(
    data.inspectionId,
    metadata,
    (c) => ({ type: 'CompleteInspection', data: { ...data, declarationsInForce: c.declarationsInForce }, metadata }),
    { sample: { productionDate: data.productionDate, product: data.product } },
    expectedRevision,
  );
