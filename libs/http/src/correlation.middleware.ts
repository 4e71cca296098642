import type { NextFunction, Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { JsonLogger } from '@regledger/engine';
import type { EngineRequest } from './request-context.js';

const ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request a correlation id (the caller's `X-Correlation-Id` if well-formed) and the instant it
 * was received (from the application's clock), and logs it when done.
 */
export const correlationMiddleware =
  (logger: JsonLogger, clock: () => Date = () => new Date()) =>
  (req: EngineRequest, res: Response, next: NextFunction): void => {
    req.receivedAt = clock().toISOString();
    const given = req.headers['x-correlation-id'];
    req.correlationId = typeof given === 'string' && ID.test(given) ? given : uuidv7();
    res.setHeader('X-Correlation-Id', req.correlationId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info('request', {
        correlationId: req.correlationId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        actor: req.actor?.id,
        role: req.actor?.role,
      });
    });
    next();
  };
