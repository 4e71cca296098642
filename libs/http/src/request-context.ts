import type { Request } from 'express';
import type { Actor } from '@regledger/shared';
import type { Principal } from '@regledger/auth';

export interface EngineRequest extends Request {
  correlationId: string;
  principal?: Principal;
  actor: Actor;
}

/** Anyone without a token acts as the public. */
export const PUBLIC_ACTOR: Actor = Object.freeze({ id: 'anonymous', role: 'public', jurisdiction: '000000' }) as Actor;
