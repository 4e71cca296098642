import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { ValidationError } from '@regledger/shared';
import { RequestShapeGuard } from './request-shape.guard.js';

const guardOn = (req: { body?: unknown; params?: Record<string, unknown>; query?: Record<string, unknown> }) => () =>
  new RequestShapeGuard().canActivate({ switchToHttp: () => ({ getRequest: <T>() => req as T }) } as unknown as ExecutionContext);

describe('the request-shape guard', () => {
  it('the guard refuses a request with a bad body, path parameter or query with 400 VALIDATION.FAILED naming each field, and lets a good one through', () => {
    expect(guardOn({ body: { reason: 'fine' }, params: { id: 'PB-1' }, query: {} })()).toBe(true);
    expect(guardOn({})()).toBe(true);
    const refusal = (() => {
      try {
        guardOn({ body: { reason: 'a\u0000' }, params: { id: 'x\uD800' }, query: { constructor: '1' } })();
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'VALIDATION.FAILED', kind: 'validation' });
    expect((refusal as ValidationError).errors.map((e) => `${e.field}:${e.rule}`)).toEqual(['id:characters', 'constructor:unknown_field', 'reason:characters']);
  });
});
