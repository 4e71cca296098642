import type { CommandMetadata } from '@regledger/shared';
import type { ResumeAfterTestingData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `ResumeAfterTesting` on the bus. */
export const resumeAfterTesting = (data: ResumeAfterTestingData, metadata: CommandMetadata, expectedVersion?: number): ComplaintBusCommand =>
  new ComplaintBusCommand(data.complaintId, metadata, () => ({ type: 'ResumeAfterTesting', data, metadata }), expectedVersion);
