import type { CommandMetadata } from '@regledger/shared';
import type { ExtendVerificationData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `ExtendVerification` on the bus. */
export const extendVerification = (data: ExtendVerificationData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'ExtendVerification', data, metadata }), expectedVersion);
