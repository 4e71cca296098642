import type { DomainEvent } from '@regledger/shared';

/** How an inspection ended (issue scope: conforming, non-conforming, no declaration, not found at its address). */
export type InspectionResultOutcome = 'conforming' | 'non_conforming' | 'no_declaration' | 'not_located';

/** Where an inspection came from: a random draw of a plan, or a lead outside the random quota (domain.md §5). */
export type InspectionOrigin =
  | { type: 'random'; planId: string }
  | { type: 'targeted'; source: 'complaint' | 'report' | 'media' | 'other'; reference: string | null };

/**
 * An inspection was completed with an outcome. The target pool reads it for the last inspection of a
 * target (rotation of inspectors) and for passed spot checks (Product Quality Law art. 15).
 */
export interface InspectionCompletedData {
  inspectionId: string;
  origin: InspectionOrigin;
  uscc: string;
  /** Division code of the inspecting authority. */
  authority: string;
  /** The product inspected, when the inspection was product-level. */
  product: { name: string; model: string } | null;
  /** `productKeyOf(product)`, or null. */
  productKey: string | null;
  inspectorIds: string[];
  outcome: InspectionResultOutcome;
  /** YYYY-MM-DD (China date). */
  completedOn: string;
  /** YYYY-MM-DD: completedOn + 20 working days (Enterprise Information Publicity Regulations art. 6). */
  publicationDueOn: string;
}

export type InspectionCompleted = DomainEvent<'InspectionCompleted', InspectionCompletedData>;

/** Every inspection stream starts with this prefix. */
export const INSPECTION_STREAM_PREFIX = 'inspection-task-';

/** One stream per inspection task. */
export const inspectionStreamId = (inspectionId: string): string => `${INSPECTION_STREAM_PREFIX}${inspectionId}`;
