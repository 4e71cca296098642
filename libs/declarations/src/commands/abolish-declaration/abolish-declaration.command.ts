import type { CommandMetadata } from '@regledger/shared';
import { DeclarationBusCommand } from '../declaration-command.handler.js';

/** `AbolishDeclaration` on the bus; the handler adds the enterprise's facts and the policy values. */
export const abolishDeclaration = (data: { declarationId: string; uscc: string; effectiveDate: string }, metadata: CommandMetadata, expectedVersion?: { declarationId: string; version: number }): DeclarationBusCommand =>
  new DeclarationBusCommand(data.uscc, metadata, (c) => ({ type: 'AbolishDeclaration', data: { ...data, enterprise: c.enterprise }, metadata }), expectedVersion);
