import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { chinaDate } from '@regledger/shared';
import { commandResponse, requestTime, type EngineRequest } from '@regledger/http';

/** Today (China date) on the request's clock. */
export const todayOf = (req: EngineRequest): string => chinaDate(requestTime(req)) as string;

export const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
export const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The stream revision (ETag) the step is based on; a stale one answers 409' };

/** A command's answer, with the entity id it concerns. */
export const answer = (res: Response, result: CommandResult, extra: Record<string, unknown>): Record<string, unknown> => commandResponse(res, result, extra);
