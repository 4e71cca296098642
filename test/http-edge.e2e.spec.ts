import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_HTTP_CONFIG, RateLimiter, loadHttpConfig } from '@regledger/http';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectError, refusedOn, uscc } from './support/http-expectations.js';

/** The HTTP edge: security headers, CORS from configuration, body size and content type, rate limits per user and per address. */

describe('the HTTP edge', () => {
  let t: TestApp;
  const refused = refusedOn(() => t);
  const ALLOWED = 'https://portal.samr.example.gov.cn';
  const enterpriseBody = (code: string) => ({ uscc: code, name: '广州边界测试有限公司', jurisdiction: '440106', address: '广州市海珠区', industry: '家用电器制造业' });

  beforeAll(async () => {
    t = await startTestApp({
      CORS_ORIGINS: ALLOWED,
      REQUEST_BODY_LIMIT_BYTES: '4096',
      RATE_LIMIT_USER_PER_MINUTE: '5',
      RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('every answer carries the security headers; the JSON API allows no content to load and is not cached', async () => {
    for (const res of [await t.http.get('/health'), await t.http.get('/enterprises/nope').set(t.as('analyst', '000000'))]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cache-control': 'no-store',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('CORS: a configured origin may call (preflight and request), another origin gets no allowance', async () => {
    const preflight = await t.http.options('/enterprises').set('Origin', ALLOWED).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(preflight.headers['access-control-allow-headers']).toContain('Idempotency-Key');
    const allowed = await t.http.get('/health').set('Origin', ALLOWED);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    const other = await t.http.get('/health').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a body over the configured limit is 413 REQUEST.TOO_LARGE, and nothing is written', async () => {
    const res = await refused(() => t.http.post('/enterprises').set(t.as('admin', '000000')).send({ ...enterpriseBody(uscc('440106', 'MA5ED0001')), address: '广'.repeat(3000) }));
    expectError(res, 413, 'REQUEST.TOO_LARGE');
  });

  it('a body that is not JSON is a clear 400 naming the content type, never read as an empty request; nothing is written', async () => {
    const form = await refused(() => t.http.post('/enterprises').set(t.as('admin', '000000')).type('form').send('uscc=1&name=x'));
    expectError(form, 400, 'REQUEST.UNSUPPORTED_CONTENT_TYPE');
    expect(form.body.error.message).toContain('application/x-www-form-urlencoded');
    const text = await refused(() => t.http.post('/enterprises').set(t.as('admin', '000000')).set('Content-Type', 'text/plain').send('{"uscc":"x"}'));
    expectError(text, 400, 'REQUEST.UNSUPPORTED_CONTENT_TYPE');
    const malformed = await refused(() => t.http.post('/enterprises').set(t.as('admin', '000000')).set('Content-Type', 'application/json').send('{"uscc": '));
    expectError(malformed, 400, 'REQUEST.MALFORMED_JSON');
  });

  it('a user over its rate is 429 REQUEST.RATE_LIMITED with Retry-After; another user is not held back', async () => {
    const busy = t.as('analyst', '000000', { sub: 'busy-analyst' });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http.get('/health').set(busy)).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await t.http.get('/health').set(busy);
    expectError(limited, 429, 'REQUEST.RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await t.http.get('/health').set(t.as('analyst', '000000', { sub: 'other-analyst' }))).status).toBe(200);
  });
});

describe('the HTTP edge: a rate per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_ADDRESS_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('requests from one address past its rate are 429, signed in or not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.http.get('/health')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expectError(await t.http.get('/enterprises').set(t.as('admin', '000000')), 429, 'REQUEST.RATE_LIMITED');
  });
});

describe('HTTP settings and the rate limiter', () => {
  it('defaults, overrides, and refusals naming the variable', () => {
    expect(loadHttpConfig({})).toEqual(DEFAULT_HTTP_CONFIG);
    expect(loadHttpConfig({ CORS_ORIGINS: 'https://a.example.cn, http://localhost:8080/', TRUST_PROXY_HOPS: '1' })).toMatchObject({
      corsOrigins: ['https://a.example.cn', 'http://localhost:8080'],
      trustProxyHops: 1,
    });
    expect(() => loadHttpConfig({ CORS_ORIGINS: 'javascript:alert(1)' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadHttpConfig({ CORS_ORIGINS: '*,https://a.example.cn' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadHttpConfig({ REQUEST_BODY_LIMIT_BYTES: '10' })).toThrow(/REQUEST_BODY_LIMIT_BYTES must be a whole number of bytes from 1024/);
    expect(() => loadHttpConfig({ RATE_LIMIT_USER_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_USER_PER_MINUTE/);
  });

  it('refills evenly over the minute; a limit of 0 lets everything through', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('k')).toBeNull();
    expect(limiter.take('k')).toBe(1);
    now += 1000;
    expect(limiter.take('k')).toBeNull();
    expect(limiter.take('other')).toBeNull();
    const off = new RateLimiter(0, () => now);
    for (let i = 0; i < 1000; i++) expect(off.take('k')).toBeNull();
  });
});
