import type { CommandMetadata } from '@regledger/shared';
import type { ReceiveComplaintData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/**
 * `ReceiveComplaint` on the bus; the handler adds what the enterprises and declarations streams say of the USCC
 * and declaration, and the complainant's identity sealed with the person's key.
 */
export const receiveComplaint = (data: Omit<ReceiveComplaintData, 'intake' | 'sealedIdentity'>, metadata: CommandMetadata): ComplaintBusCommand =>
  new ComplaintBusCommand(
    data.complaintId,
    metadata,
    (c) => ({
      type: 'ReceiveComplaint',
      data: { ...data, ...(c.intake === null ? {} : { intake: c.intake }), ...(c.sealedIdentity === null ? {} : { sealedIdentity: c.sealedIdentity }) },
      metadata,
    }),
    undefined,
    { uscc: typeof data.uscc === 'string' ? data.uscc : '', declarationId: typeof data.declarationId === 'string' && data.declarationId.trim() !== '' ? data.declarationId : null },
  );
