import { v7 as uuidv7 } from 'uuid';
import { NotFoundError } from '@regledger/shared';

const ID = /^([0-9A-HJ-NPQRTUWXY]{18})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * A declaration's id names its enterprise: `<USCC>-<UUID v7>`. Every declaration of an enterprise lives
 * in the enterprise's declarations stream, so the id alone finds the stream without a lookup.
 */
export const newDeclarationId = (uscc: string): string => `${uscc}-${uuidv7()}`;

export const usccOfDeclarationId = (id: string): string => {
  const m = ID.exec(id);
  if (!m) throw new NotFoundError('DECLARATION.NOT_FOUND', `no declaration ${id}: ids look like <USCC>-<UUID>`, { declarationId: id });
  return m[1];
};
