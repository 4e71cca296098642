import type { CommandMetadata } from '@regledger/shared';
import type { AssignHandlerData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `AssignHandler` on the bus. */
export const assignHandler = (data: AssignHandlerData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'AssignHandler', data, metadata }), expectedVersion);
