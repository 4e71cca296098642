/** Stable error codes of the audit routes and commands. */
export const AUDIT_ERROR_CODES = Object.freeze({
  VALIDATION: 'AUDIT.VALIDATION',
  STREAM_NOT_FOUND: 'AUDIT.STREAM_NOT_FOUND',
  CORRELATION_NOT_FOUND: 'AUDIT.CORRELATION_NOT_FOUND',
});
