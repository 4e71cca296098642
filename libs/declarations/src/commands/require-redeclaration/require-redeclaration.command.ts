import type { CommandMetadata } from '@regledger/shared';
import { DeclarationBusCommand } from '../declaration-command.handler.js';

/** `RequireRedeclaration` on the bus; the handler adds the enterprise's facts and the policy values. */
export const requireRedeclaration = (data: { uscc: string; previousName: string; newName: string; renamedOn: string; sourceEventId: string }, metadata: CommandMetadata, expectedVersion?: { declarationId: string; version: number }): DeclarationBusCommand =>
  new DeclarationBusCommand(data.uscc, metadata, (c) => ({ type: 'RequireRedeclaration', data: { ...data, policy: c.policy }, metadata }), expectedVersion);
