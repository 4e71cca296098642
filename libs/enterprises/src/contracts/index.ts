/**
 * What other bounded contexts may depend on in the enterprises context: the published events and the stream naming.
 *
 * The declarations context reacts to `EnterpriseRenamed`: every active declaration of the enterprise must be
 * declared again under the new name (domain.md §3).
 */
import type { EnterpriseDeregistered, EnterpriseEvent, EnterpriseRegistered, EnterpriseRenamed } from '../domain/enterprise.events.js';
import { ENTERPRISE_EVENT_TYPES } from '../domain/enterprise.events.js';
import { enterpriseDecider } from '../domain/enterprise.decider.js';
import type { NarrowedEvent } from '@regledger/shared';

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
export { isValidUscc, normaliseUscc, usccDefect } from '../domain/uscc.rule.js';
export type { UsccDefect } from '../domain/uscc.rule.js';


export const isEnterpriseEvent = <E extends { type: string }>(e: E): e is NarrowedEvent<E, EnterpriseEvent> =>
  (ENTERPRISE_EVENT_TYPES as readonly string[]).includes(e.type);

export const isEnterpriseRegistered = <E extends { type: string }>(e: E): e is NarrowedEvent<E, EnterpriseRegistered> =>
  e.type === 'EnterpriseRegistered';

/** Works on recorded envelopes too: `data` is narrowed to `EnterpriseRenamedData`. */
export const isEnterpriseRenamed = <E extends { type: string }>(e: E): e is NarrowedEvent<E, EnterpriseRenamed> => e.type === 'EnterpriseRenamed';

export const isEnterpriseDeregistered = <E extends { type: string }>(e: E): e is NarrowedEvent<E, EnterpriseDeregistered> =>
  e.type === 'EnterpriseDeregistered';

/** What another context may know of an enterprise at decision time, folded from its stream. */
export interface EnterpriseFactsView {
  status: 'none' | 'registered' | 'deregistered';
  name: string | null;
  jurisdiction: string | null;
  formerNames: string[];
}

/** Folds an enterprise's events (read from `enterpriseStreamId(uscc)`) into the facts other contexts check. */
export const enterpriseFactsFrom = (events: readonly { type: string; data: unknown }[]): EnterpriseFactsView => {
  const state = events.filter(isEnterpriseEvent).reduce((s, e) => enterpriseDecider.evolve(s, e as EnterpriseEvent), enterpriseDecider.initialState());
  return {
    status: state.status,
    name: state.status === 'none' ? null : state.name,
    jurisdiction: state.status === 'none' ? null : state.jurisdiction,
    formerNames: state.formerNames.map((f) => f.name),
  };
};
