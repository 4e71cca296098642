import { describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, eventHash, planImport } from '@regledger/event-store';
import { DEFAULT_NATIONAL_OPTIONS, chunkPlan, decideChunk, planChunks, type Chunk } from './generator.js';
import { PROVINCE_SHARES, allocateEnterprises } from './provinces.js';

const options = { ...DEFAULT_NATIONAL_OPTIONS, enterprises: 120 };

describe('national data set generator', () => {
  it('given a total, when allocated, then every province gets its share and the shares sum to the total', () => {
    const byProvince = allocateEnterprises(500_000, () => true);
    expect([...byProvince.values()].reduce((s, n) => s + n, 0)).toBe(500_000);
    expect(byProvince.size).toBe(Object.keys(PROVINCE_SHARES).length);
    expect(byProvince.get('44')).toBe(100_000);
  });

  it('given a plan, when chunked, then chunks cover it, provinces take turns and excluded enterprises are left out', () => {
    const chunks = planChunks({ seed: 7, enterprises: 10_000, chunkSize: 500 }, new Map([['44', 100]]));
    expect(chunks.reduce((s, c) => s + c.enterprises, 0)).toBe(9_900);
    expect(chunks.every((c) => c.enterprises <= 500)).toBe(true);
    expect(new Set(chunks.slice(0, 10).map((c) => c.province)).size).toBe(10);
    expect(planChunks({ seed: 7, enterprises: 10_000, chunkSize: 500 })).toEqual(planChunks({ seed: 7, enterprises: 10_000, chunkSize: 500 }));
  });

  it('given the same chunk twice, when decided, then the events are the same, hash for hash, and each stream is a valid chain', async () => {
    const chunk: Chunk = { province: '33', index: 0, enterprises: 40, seed: 1234 };
    const first = await decideChunk(chunk, chunkPlan(chunk, options, new Set()).plan);
    const second = await decideChunk(chunk, chunkPlan(chunk, options, new Set()).plan);
    expect(first.length).toBeGreaterThan(40);
    expect(second.map((e) => e.hash)).toEqual(first.map((e) => e.hash));
    const last = new Map<string, { revision: bigint; hash: string }>();
    for (const e of first) {
      const before = last.get(e.streamId);
      expect(e.revision).toBe(before ? before.revision + 1n : 0n);
      expect(e.prevHash).toBe(before ? before.hash : GENESIS_HASH);
      expect(eventHash(e)).toBe(e.hash);
      last.set(e.streamId, { revision: e.revision, hash: e.hash });
    }
    expect(planImport(first, new Map(), new Map()).write).toHaveLength(first.length);
  });

  it('given another chunk already holding a USCC, when planned, then that enterprise is left out', () => {
    const chunk: Chunk = { province: '32', index: 0, enterprises: 10, seed: 99 };
    const { plan } = chunkPlan(chunk, options, new Set());
    const taken = plan.steps.find((s) => s.type === 'RegisterEnterprise')!.uscc;
    const again = chunkPlan(chunk, options, new Set([taken]));
    expect(again.duplicates).toBe(1);
    expect(again.plan.steps.some((s) => s.uscc === taken)).toBe(false);
  });
});
