import type { CommandMetadata } from '@regledger/shared';
import type { NotifyReporterData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `NotifyReporter` on the bus. */
export const notifyReporter = (data: NotifyReporterData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'NotifyReporter', data, metadata }), expectedVersion);
