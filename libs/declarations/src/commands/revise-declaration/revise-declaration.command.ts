import type { CommandMetadata } from '@regledger/shared';
import type { DeclarationContent } from '../../domain/index.js';
import { DeclarationBusCommand } from '../declaration-command.handler.js';

/** `ReviseDeclaration` on the bus; the handler adds the enterprise's facts and the policy values. */
export const reviseDeclaration = (data: { declarationId: string; uscc: string; content: DeclarationContent; effectiveFrom: string }, metadata: CommandMetadata, expectedVersion?: { declarationId: string; version: number }): DeclarationBusCommand =>
  new DeclarationBusCommand(data.uscc, metadata, (c) => ({ type: 'ReviseDeclaration', data: { ...data, enterprise: c.enterprise, policy: c.policy }, metadata }), expectedVersion);
