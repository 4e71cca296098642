/**
 * Tasks' published events: inspections, their outcomes and the publication of results. Enforcement reacts
 * to non-conforming outcomes (SAMR Order 18 arts. 44–50); credit builds indicators from inspections and
 * from late or missing publications (domain.md §8).
 */
import type {
  InspectionEvent,
  InspectionOpened,
  InspectionResultPublished,
  ResultPublicationOverdue,
} from '../domain/inspection/inspection.events.js';
import { INSPECTION_EVENT_TYPES } from '../domain/inspection/inspection.events.js';
import type { NarrowedEvent } from '@regledger/shared';

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
export { PUBLICATION_WORKING_DAYS } from '../domain/inspection/inspection.rules.js';
export { MIN_INSPECTORS_PER_TARGET as MIN_INSPECTORS, productKeyOf } from '../domain/draw/draw.rules.js';


export const isInspectionEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, InspectionEvent> =>
  (INSPECTION_EVENT_TYPES as readonly string[]).includes(e.type);

/** Works on recorded envelopes too: `data` is narrowed to `InspectionOpenedData`. */
export const isInspectionOpened = <E extends { type: string }>(e: E): e is NarrowedEvent<E, InspectionOpened> => e.type === 'InspectionOpened';


/** Works on recorded envelopes too: `data` is narrowed to `InspectionResultPublishedData`. */
export const isInspectionResultPublished = <E extends { type: string }>(e: E): e is NarrowedEvent<E, InspectionResultPublished> =>
  e.type === 'InspectionResultPublished';

/** Works on recorded envelopes too: `data` is narrowed to `ResultPublicationOverdueData`. */
export const isResultPublicationOverdue = <E extends { type: string }>(e: E): e is NarrowedEvent<E, ResultPublicationOverdue> =>
  e.type === 'ResultPublicationOverdue';
export { isInspectionCompleted } from '../domain/inspection/inspection.events.js';
