import type { DomainEvent } from '@regledger/shared';
import type { DrawInput, DrawResult } from '../draw/draw.types.js';

/**
 * The double-random draw of a plan: everything needed to recompute it (the input, the pool it was
 * fixed from) and its result. Tasks are created from `result.assignments` (SAMR 2019 No. 38).
 */
export interface InspectionsDrawnData {
  planId: string;
  /** Division code of the authority running the plan. */
  jurisdiction: string;
  /** YYYY-MM-DD (China date). */
  drawnOn: string;
  input: DrawInput;
  result: DrawResult;
}

export type InspectionsDrawn = DomainEvent<'InspectionsDrawn', InspectionsDrawnData>;

/** Every plan stream starts with this prefix. */
export const PLAN_STREAM_PREFIX = 'inspection-plan-';

/** One stream per inspection plan. */
export const planStreamId = (planId: string): string => `${PLAN_STREAM_PREFIX}${planId}`;
