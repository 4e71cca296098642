/**
 * SQLSTATEs and socket codes that mean the database cannot be reached for now (shut down, restarting,
 * the connection cut, too many clients), not that the request or the engine is wrong.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down)
  '57P01',
  '57P02',
  '57P03',
  // connection_exception and its subclasses
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // too_many_connections
  '53300',
]);

/** What `pg` says, without a code, when a connection dies under a query or is used after it died. */
const CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
];

/**
 * Whether an error (or its cause, or one of an AggregateError's errors) says the PostgreSQL server is out
 * of reach for the moment: the caller should answer "unavailable, retry" rather than fail.
 */
export function isConnectionError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof err.code === 'string' && CONNECTION_CODES.has(err.code)) return true;
  if (typeof err.message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(err.message as string))) return true;
  if (Array.isArray(err.errors) && err.errors.some((x) => isConnectionError(x, depth + 1))) return true;
  return err.cause !== undefined && isConnectionError(err.cause, depth + 1);
}
