import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { addDays, chinaDate as chinaDateOf } from '@regledger/shared';
import type { TestApp } from './test-app.js';

// ---- unified social credit codes, computed here from GB 32100-2015 (domain.md §4), apart from the domain's own ----

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid USCC: registering authority 9, entity type 1, the division code, a nine-character organisation code, the check character. */
export const uscc = (division: string, organisation: string): string => {
  const first17 = `91${division}${organisation}`;
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) throw new Error(`bad test code ${first17}`);
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
};

// ---- calendar dates in China (UTC+8) ----

export const chinaDate = (at: Date): string => chinaDateOf(at.toISOString()) as string;
export const chinaToday = (): string => chinaDate(new Date());
export { addDays };

// ---- the HTTP error envelope ----

/** The error envelope every refusal uses: `{ error: { status, code, message, ... }, correlationId }`. */
export const expectError = (res: Response, status: number, code: string): void => {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(['correlationId', 'error']);
  expect(res.body.error).toMatchObject({ status, code, message: expect.any(String) });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(res.headers['x-correlation-id']).toEqual(expect.any(String));
  expect(res.body.correlationId).toBe(res.headers['x-correlation-id']);
};

/** Runs the request and checks that the log did not grow; reactions to earlier requests are let finish first. */
export const refusedOn =
  (t: () => TestApp) =>
  async (send: () => PromiseLike<Response>): Promise<Response> => {
    await t().settled();
    const before = await t().eventCount();
    const res = await send();
    await t().settled();
    expect(await t().eventCount()).toBe(before);
    return res;
  };

/** The fields a 400 names, each once, sorted. */
export const fieldsOf = (res: Response): string[] => [...new Set((res.body.error.errors as { field: string }[]).map((e) => e.field))].sort();
