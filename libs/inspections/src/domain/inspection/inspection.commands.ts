import type { Command } from '@regledger/shared';
import type { DeclarationInForceFacts, InspectedEnterpriseFacts, InspectorFacts } from './inspection.types.js';

/** What the inspector pool says of each inspector named in a command; null when the pool cannot be consulted. */
export type InspectorPoolFacts = Readonly<Record<string, InspectorFacts | null>> | null;

/** A task for one assignment of a plan's double-random draw (SAMR 2019 No. 38). Sent by the system only. */
export interface OpenDrawnInspectionData {
  inspectionId: string;
  planId: string;
  /** Division code of the authority running the plan. */
  authority: string;
  uscc: string;
  /** `productKeyOf(product)` of the drawn product, or null for an enterprise-level inspection. */
  productKey: string | null;
  inspectorIds: string[];
  enterprise: InspectedEnterpriseFacts;
}

/** A targeted inspection opened from a lead, outside the random quota (domain.md §5, Guangdong plan item 11). */
export interface OpenTargetedInspectionData {
  inspectionId: string;
  uscc: string;
  source: unknown;
  /** The lead's reference (complaint id, report id, article…), or null. */
  reference: unknown;
  product: unknown;
  description: unknown;
  /** Optional: inspectors assigned at once. */
  inspectorIds: unknown;
  /** Division code of the inspecting authority; null means the actor's own jurisdiction. */
  authority: string | null;
  enterprise: InspectedEnterpriseFacts;
  inspectors: InspectorPoolFacts;
}

/** The follow-up inspection an enforcement matter orders after a failed product spot check (SAMR Order 18 arts. 44–50). Sent by the system only. */
export interface OpenFollowUpInspectionData {
  inspectionId: string;
  matterId: string;
  /** 1: after the order to correct; 2: after the public notice; 3: after the suspension. */
  round: number;
  uscc: string;
  /** Division code of the authority handling the matter. */
  authority: string;
  product: unknown;
  /** YYYY-MM-DD the follow-up is due. */
  dueOn: string;
  enterprise: InspectedEnterpriseFacts;
}

/** The supervisor (re)assigns the inspectors; the list replaces the previous one. */
export interface AssignInspectorsData {
  inspectionId: string;
  inspectorIds: unknown;
  inspectors: InspectorPoolFacts;
}

export interface StartInspectionData {
  inspectionId: string;
}

export interface RecordFindingsData {
  inspectionId: string;
  findings: unknown;
}

/** The inspectors record the outcome; the handler adds the declaration versions in force on the production date. */
export interface CompleteInspectionData {
  inspectionId: string;
  outcome: unknown;
  /** YYYY-MM-DD: the sample's production date. */
  productionDate: unknown;
  /** The product sampled, for an inspection opened without one. */
  product: unknown;
  /** Which declaration to judge against when several covered the product on that date. */
  declarationId: unknown;
  note: unknown;
  declarationsInForce: DeclarationInForceFacts[];
}

export interface PublishInspectionResultData {
  inspectionId: string;
}

export interface RecordResultPublicationOverdueData {
  inspectionId: string;
}

export type OpenDrawnInspection = Command<'OpenDrawnInspection', OpenDrawnInspectionData>;
export type OpenTargetedInspection = Command<'OpenTargetedInspection', OpenTargetedInspectionData>;
export type OpenFollowUpInspection = Command<'OpenFollowUpInspection', OpenFollowUpInspectionData>;
export type AssignInspectors = Command<'AssignInspectors', AssignInspectorsData>;
export type StartInspection = Command<'StartInspection', StartInspectionData>;
export type RecordFindings = Command<'RecordFindings', RecordFindingsData>;
export type CompleteInspection = Command<'CompleteInspection', CompleteInspectionData>;
export type PublishInspectionResult = Command<'PublishInspectionResult', PublishInspectionResultData>;
export type RecordResultPublicationOverdue = Command<'RecordResultPublicationOverdue', RecordResultPublicationOverdueData>;

export type InspectionCommand =
  | OpenDrawnInspection
  | OpenTargetedInspection
  | OpenFollowUpInspection
  | AssignInspectors
  | StartInspection
  | RecordFindings
  | CompleteInspection
  | PublishInspectionResult
  | RecordResultPublicationOverdue;
