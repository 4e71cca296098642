import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ValidationError, requestShapeErrors } from '@regledger/shared';

/** The part of an HTTP request a route reads, as Express parsed it. */
interface ParsedRequest {
  body?: unknown;
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/**
 * A global guard (apps/api registers it after authentication and the rate limit), run before validation: refuses
 * a request whose body, path parameters or query breaks `requestShapeErrors` with 400 VALIDATION.FAILED naming
 * every field, so nothing reads a stream or copies a model with it.
 */
@Injectable()
export class RequestShapeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<ParsedRequest>();
    const errors = [...requestShapeErrors(req.params ?? {}), ...requestShapeErrors(req.query ?? {}), ...requestShapeErrors(req.body ?? {})];
    if (errors.length) throw new ValidationError(errors);
    return true;
  }
}
