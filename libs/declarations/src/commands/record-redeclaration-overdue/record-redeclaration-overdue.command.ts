import type { CommandMetadata } from '@regledger/shared';
import { DeclarationBusCommand } from '../declaration-command.handler.js';

/** `RecordRedeclarationOverdue` on the bus; the handler adds the enterprise's facts and the policy values. */
export const recordRedeclarationOverdue = (data: { declarationId: string; uscc: string }, metadata: CommandMetadata, expectedVersion?: { declarationId: string; version: number }): DeclarationBusCommand =>
  new DeclarationBusCommand(data.uscc, metadata, () => ({ type: 'RecordRedeclarationOverdue', data: data, metadata }), expectedVersion);
