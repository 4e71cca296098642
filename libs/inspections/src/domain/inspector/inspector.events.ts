import type { DomainEvent, NarrowedEvent } from '@regledger/shared';

/** An enforcement officer entered the authority's inspector pool (SAMR 2019 No. 38). */
export interface InspectorRegisteredData {
  inspectorId: string;
  name: string;
  /** GB/T 2260 division code the inspector acts in (domain.md §1). */
  jurisdiction: string;
  /** Sorted, distinct. */
  qualifications: string[];
  /** USCCs the inspector must not inspect (Administrative Penalty Law art. 43); sorted, distinct. */
  conflicts: string[];
  /** YYYY-MM-DD (China date). */
  registeredOn: string;
}

/** The inspector's qualifications were replaced. */
export interface InspectorQualificationsUpdatedData {
  inspectorId: string;
  /** The new full set, sorted, distinct. */
  qualifications: string[];
  previous: string[];
  /** YYYY-MM-DD. */
  updatedOn: string;
}

/** The inspector declared an interest in an enterprise and steps aside from inspecting it (Administrative Penalty Law art. 43). */
export interface InspectorConflictDeclaredData {
  inspectorId: string;
  uscc: string;
  /** YYYY-MM-DD. */
  declaredOn: string;
}

/** A declared interest ended. */
export interface InspectorConflictWithdrawnData {
  inspectorId: string;
  uscc: string;
  /** YYYY-MM-DD. */
  withdrawnOn: string;
}

/** The inspector leaves the pool for now; no draw assigns it. */
export interface InspectorDeactivatedData {
  inspectorId: string;
  reason: string;
  /** YYYY-MM-DD. */
  deactivatedOn: string;
}

/** The inspector is back in the pool. */
export interface InspectorReactivatedData {
  inspectorId: string;
  /** YYYY-MM-DD. */
  reactivatedOn: string;
}

export type InspectorRegistered = DomainEvent<'InspectorRegistered', InspectorRegisteredData>;
export type InspectorQualificationsUpdated = DomainEvent<'InspectorQualificationsUpdated', InspectorQualificationsUpdatedData>;
export type InspectorConflictDeclared = DomainEvent<'InspectorConflictDeclared', InspectorConflictDeclaredData>;
export type InspectorConflictWithdrawn = DomainEvent<'InspectorConflictWithdrawn', InspectorConflictWithdrawnData>;
export type InspectorDeactivated = DomainEvent<'InspectorDeactivated', InspectorDeactivatedData>;
export type InspectorReactivated = DomainEvent<'InspectorReactivated', InspectorReactivatedData>;

export type InspectorEvent =
  | InspectorRegistered
  | InspectorQualificationsUpdated
  | InspectorConflictDeclared
  | InspectorConflictWithdrawn
  | InspectorDeactivated
  | InspectorReactivated;

export type InspectorEventType = InspectorEvent['type'];

export const INSPECTOR_EVENT_TYPES = [
  'InspectorRegistered',
  'InspectorQualificationsUpdated',
  'InspectorConflictDeclared',
  'InspectorConflictWithdrawn',
  'InspectorDeactivated',
  'InspectorReactivated',
] as const satisfies readonly InspectorEventType[];

/** Every inspector stream starts with this prefix. */
export const INSPECTOR_STREAM_PREFIX = 'inspector-';

/** One stream per inspector. */
export const inspectorStreamId = (inspectorId: string): string => `${INSPECTOR_STREAM_PREFIX}${inspectorId}`;

/** Works on recorded envelopes too: `data` is narrowed to the inspector events' data. */
export const isInspectorEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, InspectorEvent> => (INSPECTOR_EVENT_TYPES as readonly string[]).includes(e.type);
