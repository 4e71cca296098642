import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { uscc } from './support/http-expectations.js';

describe('the API clock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { now: '2026-03-02T01:30:00Z' });
  });
  afterAll(() => t.close());

  it('given a clock pinned to 2 March 2026, when an enterprise registers, then it registered on that China date', async () => {
    const code = uscc('440307', 'MA5CLK001');
    const created = await t.http
      .post('/enterprises')
      .set(t.as('admin', '440000'))
      .send({ uscc: code, name: '深圳市时钟测试有限公司', jurisdiction: '440307', address: '广东省深圳市南山区', industry: '软件和信息技术服务业' });
    expect(created.status).toBe(201);
    await t.settled();
    const read = await t.http.get(`/enterprises/${code}`);
    expect(read.body.registeredOn).toBe('2026-03-02');
    expect(t.clock().toISOString() >= '2026-03-02T01:30:00.000Z').toBe(true);
    expect(t.clock().toISOString() < '2026-03-02T02:30:00.000Z').toBe(true);
  });
});
