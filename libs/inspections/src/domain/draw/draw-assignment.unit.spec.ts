import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { mulberry32 } from '@regledger/shared';
import { DEFAULT_DRAW_POLICY, commitmentOf, runDraw } from './draw.rules.js';
import type { DrawInput, PoolInspector, PoolTarget } from './draw.types.js';

/** Pools of every shape the inspector assignment meets: several jurisdictions, inactive inspectors, conflicts, last-inspection rotation, too few inspectors. */
const inputs = (): DrawInput[] => {
  const out: DrawInput[] = [];
  for (let seed = 1; seed <= 24; seed++) {
    const r = mulberry32(seed);
    const n = 50 + Math.floor(r() * 300);
    const dists = ['440103', '440106', '440304', '330106'];
    const targets: PoolTarget[] = Array.from({ length: n }, (_, i) => ({
      uscc: `91${String(i * 7 + seed).padStart(16, '0')}`,
      jurisdiction: dists[Math.floor(r() * 4)],
      creditClass: (['A', 'B', 'C', 'D'] as const)[Math.floor(r() * 4)],
      products: [{ name: `p${i}`, model: `m${i}`, category: 'other', standardNumber: 'GB 1-2020' }],
      openCaseProductKeys: [],
      passedSpotChecks: [],
    }));
    const m = 6 + Math.floor(r() * 30);
    const inspectors: PoolInspector[] = Array.from({ length: m }, (_, i) => ({
      inspectorId: `insp-${String(Math.floor(r() * 1e6)).padStart(7, '0')}-${i}`,
      jurisdiction: r() < 0.3 ? '440000' : r() < 0.5 ? dists[Math.floor(r() * 4)] : r() < 0.5 ? '440100' : '330000',
      active: r() > 0.1,
      qualifications: [],
      conflicts: targets.filter(() => r() < 0.05).map((t) => t.uscc),
    }));
    for (const t of targets)
      if (r() < 0.1) t.lastInspection = { authority: '440000', completedOn: '2025-01-01', inspectorIds: inspectors.filter(() => r() < 0.2).map((i) => i.inspectorId), outcome: 'conforming' };
    const secret = `golden-draw-secret-${seed}-0123456789abcdef-0123456789`;
    out.push({
      planId: `p${seed}`,
      authority: r() < 0.5 ? '440000' : '000000',
      drawnOn: '2026-10-30',
      policy: { ...DEFAULT_DRAW_POLICY, ratios: { A: 0.2, B: 0.3, C: 0.5, D: 0.9 } },
      revealedSecret: secret,
      commitment: commitmentOf(secret),
      poolPosition: `${seed}/1`,
      targets,
      inspectors,
    });
  }
  return out;
};

describe('draw algorithm version 1: inspector assignment', () => {
  it('given 24 varied pools, when drawn, then every result (or refusal) is the one algorithm version 1 gave when these pools were recorded', () => {
    const text = inputs()
      .map((input) => {
        try {
          return JSON.stringify(runDraw(input));
        } catch (e) {
          return `refused: ${(e as Error).message}`;
        }
      })
      .join('\n');
    expect(text.split('\n').filter((l) => l.startsWith('refused: ')).length).toBe(7);
    // SHA-256 of the results computed by the first implementation (filtering every inspector for every target, a map of loads).
    expect(createHash('sha256').update(text).digest('hex')).toBe('25d4a5afdec348237556f121d04ffce869290bd230d993569e29a1a1fd236966');
  });
});
