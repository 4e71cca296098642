import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ValidationError, type DomainErrorKind } from '@regledger/shared';
import type { JsonLogger } from '@regledger/engine';
import { isConnectionError } from '@regledger/database';
import type { EngineRequest } from './request-context.js';

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  precondition: 412,
  conflict: 409,
  rule: 422,
  unavailable: 503,
};

/** Seconds a client is asked to wait when the database cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const HTTP_CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'ACCESS.FORBIDDEN',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'REQUEST.RATE_LIMITED',
};

export function mapError(e: unknown): Mapped {
  if (e instanceof DomainError) {
    const status = STATUS_BY_KIND[e.kind];
    return {
      status,
      code: e.code,
      message: e.message,
      details: e.details,
      headers: status === 503 ? { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } : undefined,
    };
  }
  // Express's adapter wraps body-parser errors in an HttpException; their `type` is on the cause.
  const err = (e instanceof HttpException && e.cause ? e.cause : e) as { type?: string; status?: number; code?: string; message?: string };
  if (err?.type === 'entity.parse.failed') return { status: 400, code: 'REQUEST.MALFORMED_JSON', message: 'the request body is not valid JSON' };
  if (err?.type === 'entity.too.large') return { status: 413, code: 'REQUEST.TOO_LARGE', message: 'the request body is too large' };
  if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported') return { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', message: err.message ?? 'unsupported encoding' };
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const body = e.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? e.message);
    return { status, code: HTTP_CODES[status] ?? `HTTP.${status}`, message: Array.isArray(message) ? message.join('; ') : message };
  }
  // Connection failures of PostgreSQL or of the network (refused, cut under a query, shutting down, starting
  // up): the engine is down for a moment, not broken.
  if (isConnectionError(e)) {
    return { status: 503, code: 'SERVICE.UNAVAILABLE', message: 'the database is unavailable; retry shortly', headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error; the log has the details under this correlation id' };
}

/** The one place errors become HTTP: stable codes, every field error, and a correlation id. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<EngineRequest>();
    const mapped = mapError(exception);
    if (mapped.status === 503) {
      // The database out of reach: one line per refused request, without a stack (an outage would flood the log).
      this.logger.warn('request refused: unavailable', { correlationId: req.correlationId, path: req.originalUrl, code: mapped.code, error: exception instanceof Error ? exception.message : String(exception) });
    } else if (mapped.status >= 500) {
      this.logger.error('request failed', {
        correlationId: req.correlationId,
        path: req.originalUrl,
        error: exception instanceof Error ? exception.message : String(exception),
        stack: exception instanceof Error ? exception.stack : undefined,
      });
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(mapped.headers ?? {})) res.setHeader(k, v);
    const errors = exception instanceof ValidationError ? exception.errors : undefined;
    res.status(mapped.status).json({
      error: {
        status: mapped.status,
        code: mapped.code,
        message: mapped.message,
        ...(errors ? { errors } : mapped.details && Object.keys(mapped.details).length ? { details: mapped.details } : {}),
      },
      correlationId: req.correlationId,
    });
  }
}
