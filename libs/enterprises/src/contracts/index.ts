/**
 * What other bounded contexts may depend on in the enterprises context: the published events and the stream naming.
 *
 * The declarations context reacts to `EnterpriseRenamed`: every active declaration of the enterprise must be
 * declared again under the new name (domain.md §3).
 */
import type { EnterpriseDeregistered, EnterpriseEvent, EnterpriseRegistered, EnterpriseRenamed } from '../domain/enterprise.events.js';
import { ENTERPRISE_EVENT_TYPES } from '../domain/enterprise.events.js';

export type {
  EnterpriseDeregistered,
  EnterpriseDeregisteredData,
  EnterpriseEvent,
  EnterpriseEventType,
  EnterpriseRegistered,
  EnterpriseRegisteredData,
  EnterpriseRenamed,
  EnterpriseRenamedData,
} from '../domain/enterprise.events.js';
export { ENTERPRISE_EVENT_TYPES, ENTERPRISE_STREAM_PREFIX, enterpriseStreamId } from '../domain/enterprise.events.js';

type Narrowed<E, T extends EnterpriseEvent> = E & { type: T['type']; data: T['data'] };

export const isEnterpriseEvent = <E extends { type: string }>(e: E): e is Narrowed<E, EnterpriseEvent> =>
  (ENTERPRISE_EVENT_TYPES as readonly string[]).includes(e.type);

export const isEnterpriseRegistered = <E extends { type: string }>(e: E): e is Narrowed<E, EnterpriseRegistered> =>
  e.type === 'EnterpriseRegistered';

/** Works on recorded envelopes too: `data` is narrowed to `EnterpriseRenamedData`. */
export const isEnterpriseRenamed = <E extends { type: string }>(e: E): e is Narrowed<E, EnterpriseRenamed> => e.type === 'EnterpriseRenamed';

export const isEnterpriseDeregistered = <E extends { type: string }>(e: E): e is Narrowed<E, EnterpriseDeregistered> =>
  e.type === 'EnterpriseDeregistered';
