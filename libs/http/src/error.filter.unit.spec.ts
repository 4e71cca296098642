import { describe, expect, it } from '@jest/globals';
import { mapError } from './error.filter.js';

/** What PostgreSQL and `pg` throw when the server cannot be reached, and how the API answers it. */
const pgError = (message: string, code?: string): Error => Object.assign(new Error(message), code ? { code } : {});

describe('mapError: the database out of reach', () => {
  it.each([
    ['a refused connection (server stopped)', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a connection reset', pgError('read ECONNRESET', 'ECONNRESET')],
    ['the server shutting down (admin_shutdown)', pgError('terminating connection due to administrator command', '57P01')],
    ['the server recovering from a crash (crash_shutdown)', pgError('terminating connection because of crash of another server process', '57P02')],
    ['the server starting up (cannot_connect_now)', pgError('the database system is starting up', '57P03')],
    ['a connection failure (08006)', pgError('connection failure', '08006')],
    ['too many connections', pgError('sorry, too many clients already', '53300')],
    ['a connection cut under a query', pgError('Connection terminated unexpectedly')],
    ['a pooled connection used after it died', pgError('Client has encountered a connection error and is not queryable')],
    ['a connection timeout', pgError('Connection terminated due to connection timeout')],
    ['every address refused (AggregateError)', Object.assign(new AggregateError([pgError('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect failed'))],
    ['a wrapped connection error', new Error('query failed', { cause: pgError('Connection terminated unexpectedly') })],
  ])('given %s, answers 503 SERVICE.UNAVAILABLE with Retry-After', (_, error) => {
    const mapped = mapError(error);
    expect(mapped).toMatchObject({ status: 503, code: 'SERVICE.UNAVAILABLE' });
    expect(Number(mapped.headers?.['Retry-After'])).toBeGreaterThan(0);
  });

  it.each([
    ['a unique violation', pgError('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', pgError('syntax error at or near "selec"', '42601')],
    ['an error without a code', new Error('something else')],
  ])('given %s, answers 500 INTERNAL without Retry-After', (_, error) => {
    const mapped = mapError(error);
    expect(mapped).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(mapped.headers).toBeUndefined();
  });
});
