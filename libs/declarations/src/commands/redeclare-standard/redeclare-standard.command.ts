import type { CommandMetadata } from '@regledger/shared';
import { DeclarationBusCommand } from '../declaration-command.handler.js';

/** `RedeclareStandard` on the bus; the handler adds the enterprise's facts and the policy values. */
export const redeclareStandard = (data: { declarationId: string; uscc: string }, metadata: CommandMetadata, expectedVersion?: { declarationId: string; version: number }): DeclarationBusCommand =>
  new DeclarationBusCommand(data.uscc, metadata, (c) => ({ type: 'RedeclareStandard', data: { ...data, enterprise: c.enterprise }, metadata }), expectedVersion);
