import type { Request } from 'express';
import type { Actor } from '@regledger/shared';
import type { Principal } from '@regledger/auth';

export interface EngineRequest extends Request {
  correlationId: string;
  /** ISO 8601 instant the request was received, from the application's clock: the `now` of its commands and the "today" of its queries. */
  receivedAt?: string;
  principal?: Principal;
  actor: Actor;
}

/** Anyone without a token acts as the public. */
export const PUBLIC_ACTOR: Actor = Object.freeze({ id: 'anonymous', role: 'public', jurisdiction: '000000' }) as Actor;

/** The instant of the request: its commands are decided and its queries answered as of this time. */
export const requestTime = (req: Pick<EngineRequest, 'receivedAt'>): string => req.receivedAt ?? new Date().toISOString();
