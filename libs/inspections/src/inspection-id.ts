import { v5 as uuidv5 } from 'uuid';
import { uuidForRetry, type RetryKey } from '@regledger/shared';

/** Namespace of the inspection ids derived from a retry key or a cause. */
const INSPECTION_NAMESPACE = '3b0d8f5e-7a41-4c9e-b6f2-0e9d1c2a5f47';

/**
 * The id of a new targeted inspection. Under an idempotency key it is derived from the caller and the key,
 * so a retry sends the very same command and is answered with the first attempt's result.
 */
export const targetedInspectionIdFor = (retry: RetryKey): string => uuidForRetry(INSPECTION_NAMESPACE, retry, 'retry:');

/** The task of one draw assignment: derived from the plan and the target, so replaying the draw creates nothing new. */
export const drawnInspectionIdFor = (planId: string, uscc: string): string => uuidv5(`draw:${planId}:${uscc}`, INSPECTION_NAMESPACE);

/** The targeted inspection opened on an escalated complaint or report: one per complaint. */
export const escalatedInspectionIdFor = (complaintId: string): string => uuidv5(`complaint:${complaintId}`, INSPECTION_NAMESPACE);
