import type { CommandMetadata } from '@regledger/shared';
import { DeclarationBusCommand } from '../declaration-command.handler.js';

/** `ConfirmDeclaration` on the bus; the handler adds the enterprise's facts and the policy values. */
export const confirmDeclaration = (data: { declarationId: string; uscc: string }, metadata: CommandMetadata, expectedVersion?: { declarationId: string; version: number }): DeclarationBusCommand =>
  new DeclarationBusCommand(data.uscc, metadata, (c) => ({ type: 'ConfirmDeclaration', data: { ...data, enterprise: c.enterprise }, metadata }), expectedVersion);
