import type { CommandMetadata } from '@regledger/shared';
import type { ReceiveComplaintData } from '../../domain/index.js';
import { ComplaintBusCommand } from '../complaint-command.handler.js';

/** `ReceiveComplaint` on the bus; the handler adds what the enterprises and declarations streams say of the USCC and declaration. */
export const receiveComplaint = (data: Omit<ReceiveComplaintData, 'intake'>, metadata: CommandMetadata): ComplaintBusCommand =>
  new ComplaintBusCommand(
    data.complaintId,
    metadata,
    (c) => ({ type: 'ReceiveComplaint', data: c.intake === null ? data : { ...data, intake: c.intake }, metadata }),
    undefined,
    { uscc: typeof data.uscc === 'string' ? data.uscc : '', declarationId: typeof data.declarationId === 'string' && data.declarationId.trim() !== '' ? data.declarationId : null },
  );
