import { describe, expect, it } from '@jest/globals';
import { uuidForRetry } from './retry-id.js';

const NAMESPACE = '6f1c3f0e-5d6b-4c5e-9a57-2f4e8d0b7a21';

describe('uuidForRetry', () => {
  it('given an idempotency key, the same actor and key always give the same UUID v5; another actor or key another one', () => {
    const first = uuidForRetry(NAMESPACE, { actorId: 'enterprise-1', idempotencyKey: 'k-1' });
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidForRetry(NAMESPACE, { actorId: 'enterprise-1', idempotencyKey: 'k-1' })).toBe(first);
    expect(uuidForRetry(NAMESPACE, { actorId: 'enterprise-2', idempotencyKey: 'k-1' })).not.toBe(first);
    expect(uuidForRetry(NAMESPACE, { actorId: 'enterprise-1', idempotencyKey: 'k-2' })).not.toBe(first);
    expect(uuidForRetry(NAMESPACE, { actorId: 'enterprise-1', idempotencyKey: 'k-1' }, 'targeted:')).not.toBe(first);
  });

  it('without a key, a fresh UUID v7 each time', () => {
    const a = uuidForRetry(NAMESPACE, { actorId: 'enterprise-1' });
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(uuidForRetry(NAMESPACE, { actorId: 'enterprise-1' })).not.toBe(a);
  });
});
