/**
 * Tasks' published events: inspections, their outcomes and the publication of results. Enforcement reacts
 * to non-conforming outcomes (SAMR Order 18 arts. 44–50); credit builds indicators from inspections and
 * from late or missing publications (domain.md §8).
 */
import type {
  InspectionCompleted,
  InspectionEvent,
  InspectionOpened,
  InspectionResultPublished,
  ResultPublicationOverdue,
} from '../domain/inspection/inspection.events.js';
import { INSPECTION_EVENT_TYPES } from '../domain/inspection/inspection.events.js';

export type {
  FindingsRecorded,
  FindingsRecordedData,
  InspectionCompleted,
  InspectionCompletedData,
  InspectionEvent,
  InspectionEventType,
  InspectionOpened,
  InspectionOpenedData,
  InspectionOrigin,
  InspectionResultOutcome,
  InspectionResultPublished,
  InspectionResultPublishedData,
  InspectionStarted,
  InspectionStartedData,
  InspectorsAssigned,
  InspectorsAssignedData,
  ResultPublicationOverdue,
  ResultPublicationOverdueData,
} from '../domain/inspection/inspection.events.js';
export { INSPECTION_EVENT_TYPES, INSPECTION_STREAM_PREFIX, inspectionStreamId } from '../domain/inspection/inspection.events.js';
export type { Finding, InspectedProduct, JudgedDeclaration, JudgedIndicator } from '../domain/inspection/inspection.types.js';
export { PUBLICATION_WORKING_DAYS, MIN_INSPECTORS } from '../domain/inspection/inspection.rules.js';

type Narrowed<E, T extends InspectionEvent> = E & { type: T['type']; data: T['data'] };

export const isInspectionEvent = <E extends { type: string }>(e: E): e is Narrowed<E, InspectionEvent> =>
  (INSPECTION_EVENT_TYPES as readonly string[]).includes(e.type);

/** Works on recorded envelopes too: `data` is narrowed to `InspectionOpenedData`. */
export const isInspectionOpened = <E extends { type: string }>(e: E): e is Narrowed<E, InspectionOpened> => e.type === 'InspectionOpened';

/** Works on recorded envelopes too: `data` is narrowed to `InspectionCompletedData`. */
export const isInspectionCompleted = <E extends { type: string }>(e: E): e is Narrowed<E, InspectionCompleted> => e.type === 'InspectionCompleted';

/** Works on recorded envelopes too: `data` is narrowed to `InspectionResultPublishedData`. */
export const isInspectionResultPublished = <E extends { type: string }>(e: E): e is Narrowed<E, InspectionResultPublished> =>
  e.type === 'InspectionResultPublished';

/** Works on recorded envelopes too: `data` is narrowed to `ResultPublicationOverdueData`. */
export const isResultPublicationOverdue = <E extends { type: string }>(e: E): e is Narrowed<E, ResultPublicationOverdue> =>
  e.type === 'ResultPublicationOverdue';
