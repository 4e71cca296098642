import type { DomainEvent, NarrowedEvent } from '@regledger/shared';
import type { InspectionOutcome } from '../draw/draw.types.js';
import type { Finding, InspectedProduct, JudgedDeclaration, JudgedIndicator } from './inspection.types.js';

/** How an inspection ended: the outcomes of `INSPECTION_OUTCOMES` (domain/draw/draw.types.ts), the list the draw reads them with. */
export type InspectionResultOutcome = InspectionOutcome;

/**
 * Where an inspection came from: a random draw of a plan, a lead outside the random quota (domain.md §5), or the
 * follow-up of a failed product an enforcement matter orders (SAMR Order 18 arts. 44–50; exempt from the 6-month rule).
 */
export type InspectionOrigin =
  | { type: 'random'; planId: string }
  | { type: 'targeted'; source: 'complaint' | 'report' | 'media' | 'other'; reference: string | null }
  | { type: 'follow_up'; matterId: string; round: number; dueOn: string };

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
  /** YYYY-MM-DD: the sample's production date, or null when nothing was sampled (not located). */
  productionDate: string | null;
  /** The declaration version in force on the production date that the findings were judged against, or null. */
  declaration: JudgedDeclaration | null;
  /** Every indicator of the judged version with the findings' verdict on it. */
  judgedIndicators: JudgedIndicator[];
  /** Names of the indicators found non-conforming. */
  nonConformingIndicators: string[];
  /** The inspectors' note, or null. */
  note: string | null;
}

export type InspectionCompleted = DomainEvent<'InspectionCompleted', InspectionCompletedData>;

/** Every inspection stream starts with this prefix. */
export const INSPECTION_STREAM_PREFIX = 'inspection-task-';

/** One stream per inspection task. */
export const inspectionStreamId = (inspectionId: string): string => `${INSPECTION_STREAM_PREFIX}${inspectionId}`;

/** The enterprise and product of an inspection, as recorded when it was opened. */
export interface InspectionOpenedData {
  inspectionId: string;
  origin: InspectionOrigin;
  uscc: string;
  /** The enterprise's name when the inspection was opened, when the enterprises context knows it. */
  enterpriseName: string | null;
  /** Division code of the inspecting authority. */
  authority: string;
  product: InspectedProduct | null;
  productKey: string | null;
  /** May be fewer than two: an inspection starts only with two or more (Administrative Penalty Law art. 42). */
  inspectorIds: string[];
  /** Why the inspection was opened (targeted inspections), or null. */
  description: string | null;
  /** YYYY-MM-DD (China date). */
  openedOn: string;
}

/** The inspectors carrying out the inspection were (re)assigned; the list replaces the previous one (Administrative Penalty Law arts. 42, 43). */
export interface InspectorsAssignedData {
  inspectionId: string;
  inspectorIds: string[];
  previousInspectorIds: string[];
  /** YYYY-MM-DD (China date). */
  assignedOn: string;
}

/** The inspectors began the inspection on site. */
export interface InspectionStartedData {
  inspectionId: string;
  inspectorIds: string[];
  /** YYYY-MM-DD (China date). */
  startedOn: string;
}

/** Findings for declared indicators; a finding for an indicator already recorded replaces it. */
export interface FindingsRecordedData {
  inspectionId: string;
  findings: Finding[];
  /** YYYY-MM-DD (China date). */
  recordedOn: string;
}

/** The result was published (Enterprise Information Publicity Regulations art. 6); `late` when after `publicationDueOn`. */
export interface InspectionResultPublishedData {
  inspectionId: string;
  uscc: string;
  enterpriseName: string | null;
  authority: string;
  product: InspectedProduct | null;
  outcome: InspectionResultOutcome;
  /** YYYY-MM-DD. */
  completedOn: string;
  /** YYYY-MM-DD. */
  publicationDueOn: string;
  /** YYYY-MM-DD (China date). */
  publishedOn: string;
  late: boolean;
}

/** The publication deadline passed with the result unpublished (Enterprise Information Publicity Regulations art. 6). Recorded once. */
export interface ResultPublicationOverdueData {
  inspectionId: string;
  uscc: string;
  authority: string;
  /** YYYY-MM-DD. */
  publicationDueOn: string;
  /** YYYY-MM-DD (China date). */
  recordedOn: string;
}

export type InspectionOpened = DomainEvent<'InspectionOpened', InspectionOpenedData>;
export type InspectorsAssigned = DomainEvent<'InspectorsAssigned', InspectorsAssignedData>;
export type InspectionStarted = DomainEvent<'InspectionStarted', InspectionStartedData>;
export type FindingsRecorded = DomainEvent<'FindingsRecorded', FindingsRecordedData>;
export type InspectionResultPublished = DomainEvent<'InspectionResultPublished', InspectionResultPublishedData>;
export type ResultPublicationOverdue = DomainEvent<'ResultPublicationOverdue', ResultPublicationOverdueData>;

export type InspectionEvent =
  | InspectionOpened
  | InspectorsAssigned
  | InspectionStarted
  | FindingsRecorded
  | InspectionCompleted
  | InspectionResultPublished
  | ResultPublicationOverdue;

export type InspectionEventType = InspectionEvent['type'];

export const INSPECTION_EVENT_TYPES = [
  'InspectionOpened',
  'InspectorsAssigned',
  'InspectionStarted',
  'FindingsRecorded',
  'InspectionCompleted',
  'InspectionResultPublished',
  'ResultPublicationOverdue',
] as const satisfies readonly InspectionEventType[];

/** Works on recorded envelopes too: `data` is narrowed to `InspectionCompletedData`. */
export const isInspectionCompleted = <E extends { type: string }>(e: E): e is NarrowedEvent<E, InspectionCompleted> => e.type === 'InspectionCompleted';
