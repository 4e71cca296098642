import { canonicalJson } from '@regledger/shared';
import { canonicalPoolText, poolHash, verifyDraw } from '../draw/draw.rules.js';
import type { DrawVerification, PoolInspector, PoolTarget } from '../draw/draw.types.js';
import { POOL_BUILDER_VERSIONS, poolPositionText } from '../pool/pool.rules.js';
import type { BuiltPool } from '../pool/pool.rules.js';
import type { InspectionPlanCreatedData, InspectionsDrawnData } from './plan.events.js';
import { drawCategoriesFor } from './plan.rules.js';

const MAX_MEMBER_DIFFERENCES = 20;

/** The members of two pools that differ, by USCC or inspector id, in canonical form (docs/draw-algorithm.md §2). */
const memberDifferences = (recorded: { targets: PoolTarget[]; inspectors: PoolInspector[] }, rebuilt: { targets: PoolTarget[]; inspectors: PoolInspector[] }, position: string): string[] => {
  const asMap = (pool: { targets: PoolTarget[]; inspectors: PoolInspector[] }) => {
    const parsed = JSON.parse(canonicalPoolText(pool.targets, pool.inspectors, position)) as { targets: { uscc: string }[]; inspectors: { inspectorId: string }[] };
    return new Map<string, string>([
      ...parsed.targets.map((t) => [`target ${t.uscc}`, canonicalJson(t)] as [string, string]),
      ...parsed.inspectors.map((i) => [`inspector ${i.inspectorId}`, canonicalJson(i)] as [string, string]),
    ]);
  };
  const a = asMap(recorded);
  const b = asMap(rebuilt);
  const out: string[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === y) continue;
    if (x === undefined) out.push(`pool: ${key} is in the log at the recorded position but not in the recorded input`);
    else if (y === undefined) out.push(`pool: ${key} is in the recorded input but not in the log at the recorded position`);
    else out.push(`pool: ${key} differs: recorded ${x}, rebuilt from the log ${y}`);
  }
  return out.length > MAX_MEMBER_DIFFERENCES ? [...out.slice(0, MAX_MEMBER_DIFFERENCES), `… and ${out.length - MAX_MEMBER_DIFFERENCES} more pool members`] : out;
};

/**
 * Verifies a recorded draw against the log (docs/draw-algorithm.md §9, §11): the recorded input agrees with the plan (authority,
 * policy, commitment, scope); the commitment was recorded before the pool position; the pool rebuilt from the log up to the
 * recorded position hashes to the recorded pool hash; and the draw recomputed from the recorded input gives the recorded result.
 *
 * `rebuilt` is the pool built from every event of the log at or before the recorded position, with the parameters of the recorded
 * pool basis and the plan's authority (`poolParametersOf(plan.jurisdiction, drawn.poolBasis)`).
 */
export const verifyRecordedDraw = (args: {
  plan: InspectionPlanCreatedData;
  drawn: InspectionsDrawnData;
  rebuilt: BuiltPool;
  commitmentPrecedesPool: boolean;
}): DrawVerification => {
  const { plan, drawn } = args;
  const { input, result, poolBasis } = drawn;
  const differences: string[] = [];
  const same = (label: string, recorded: unknown, expected: unknown): void => {
    if (canonicalJson(recorded ?? null) !== canonicalJson(expected ?? null)) differences.push(`${label}: recorded ${JSON.stringify(recorded ?? null)}, plan says ${JSON.stringify(expected ?? null)}`);
  };
  same('input.planId', input.planId, plan.planId);
  same('input.authority', input.authority, plan.jurisdiction);
  same('input.commitment', input.commitment, plan.commitment);
  same('input.policy', input.policy, plan.policy);
  same('input.productCategories', input.productCategories, drawCategoriesFor(plan.scope));
  same('poolBasis.standardKinds', poolBasis.standardKinds, plan.scope.standardKinds);
  same('input.drawnOn', input.drawnOn, drawn.drawnOn);
  same('poolBasis.asOf', poolBasis.asOf, drawn.drawnOn);
  same('input.poolPosition', input.poolPosition, poolPositionText(poolBasis.position));
  if (!POOL_BUILDER_VERSIONS.includes(poolBasis.builderVersion)) differences.push(`poolBasis.builderVersion: recorded ${poolBasis.builderVersion}, this verifier implements ${POOL_BUILDER_VERSIONS.join(' and ')}`);
  if (!args.commitmentPrecedesPool) differences.push('the plan (and its commitment) was recorded after the pool position');

  const { rebuilt } = args;
  const rebuiltHash = poolHash(rebuilt.targets, rebuilt.inspectors, input.poolPosition);
  const inputHash = poolHash(input.targets, input.inspectors, input.poolPosition);
  if (rebuiltHash !== result.poolHash) differences.push(`poolHash: recorded ${result.poolHash}, rebuilt from the log ${rebuiltHash}`);
  if (inputHash !== rebuiltHash) {
    differences.push(`input pool: the recorded input hashes to ${inputHash}, the log at the recorded position to ${rebuiltHash}`);
    differences.push(...memberDifferences(input, rebuilt, input.poolPosition));
  }

  const recomputed = verifyDraw(input, result);
  differences.push(...recomputed.differences);
  return { matches: differences.length === 0, differences };
};
