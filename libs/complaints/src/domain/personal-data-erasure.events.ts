import type { DomainEvent } from '@regledger/shared';

/**
 * A complainant's or reporter's personal data was erased (PIPL art. 47): the keys that sealed it are gone
 * from the key store, so every event sealed with them stays in the log, hashed and verifiable, and can no
 * longer be read. The event names only the pseudonymous subject and its keys: it holds no personal data.
 */
export interface PersonalDataErasedData {
  /** The person's pseudonym (a keyed hash of the identity). */
  subjectId: string;
  /** The keys erased, as the key store names them; read models drop what was sealed with them. */
  keyIds: string[];
  /** ISO 8601 instant the keys were erased. */
  erasedAt: string;
  /** Why, e.g. the reference of the request; never personal data. */
  reason: string;
}

export type PersonalDataErased = DomainEvent<'PersonalDataErased', PersonalDataErasedData>;

export const PERSONAL_DATA_EVENT_TYPES = ['PersonalDataErased'] as const satisfies readonly PersonalDataErased['type'][];

/** Every stream of recorded erasures starts with this prefix. */
export const PERSONAL_DATA_STREAM_PREFIX = 'personal-data-';

/** One stream per person (subject): its erasures. */
export const personalDataStreamId = (subjectId: string): string => `${PERSONAL_DATA_STREAM_PREFIX}${subjectId}`;
