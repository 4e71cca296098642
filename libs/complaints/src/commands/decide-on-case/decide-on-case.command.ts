import type { CommandMetadata } from '@regledger/shared';
import type { DecideOnCaseData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `DecideOnCase` on the bus. */
export const decideOnCase = (data: DecideOnCaseData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'DecideOnCase', data, metadata }), expectedVersion);
