/**
 * The one error base of the engine. `code` is stable and namespaced (`ENTERPRISE.NOT_FOUND`);
 * `kind` decides the HTTP status in the API's single error filter.
 */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule'
  | 'precondition'
  | 'unavailable';

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    code = 'VALIDATION.FAILED',
  ) {
    super(code, 'validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'not_found', message, details);
  }
}

export class RuleViolation extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'rule', message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'conflict', message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, 'forbidden', message, details);
  }
}
