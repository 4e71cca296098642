import type { DomainEvent, Role } from '@regledger/shared';

/**
 * Someone was served a complaint with the complainant's identity unmasked. The identity is confidential
 * (domain.md §6): every such read is itself recorded, on a stream of its own beside the complaint's.
 */
export interface ComplainantIdentityReadData {
  complaintId: string;
  readerId: string;
  readerRole: Role;
  /** GB/T 2260 division code the reader acted in. */
  readerJurisdiction: string;
  /** The route that served the identity, such as `GET /complaints/:id`. */
  route: string;
  /** ISO 8601 instant of the request. */
  readAt: string;
}

export type ComplainantIdentityRead = DomainEvent<'ComplainantIdentityRead', ComplainantIdentityReadData>;

export const COMPLAINANT_READ_EVENT_TYPES = ['ComplainantIdentityRead'] as const satisfies readonly ComplainantIdentityRead['type'][];

/** Every stream of recorded identity reads starts with this prefix. */
export const COMPLAINANT_READS_STREAM_PREFIX = 'complainant-reads-';

/** One stream per complaint: who was shown its complainant, when, and through which route. */
export const complainantReadsStreamId = (complaintId: string): string => `${COMPLAINANT_READS_STREAM_PREFIX}${complaintId}`;

/** The read to record when a view with the complainant unmasked is served (domain.md §6); none for a masked one, nor for an erased or unavailable identity (nothing of it is shown). */
export const complainantIdentityRead = (
  view: { complaintId: string; complainant: { masked: boolean; erased?: boolean; unavailable?: boolean } },
  reader: { id: string; role: Role; jurisdiction: string },
  route: string,
  readAt: string,
): ComplainantIdentityRead | null =>
  view.complainant.masked || view.complainant.erased === true || view.complainant.unavailable === true
    ? null
    : { type: 'ComplainantIdentityRead', data: { complaintId: view.complaintId, readerId: reader.id, readerRole: reader.role, readerJurisdiction: reader.jurisdiction, route, readAt } };

/** Who read a complainant's identity, folded from its `complainant-reads-<id>` stream. */
export interface ComplainantReadsState {
  complaintId: string | null;
  reads: number;
  readers: { readerId: string; readerRole: Role; lastReadAt: string; count: number }[];
}

export const COMPLAINANT_READS_INITIAL: ComplainantReadsState = Object.freeze({ complaintId: null, reads: 0, readers: [] }) as unknown as ComplainantReadsState;

export const evolveComplainantReads = (state: ComplainantReadsState, event: ComplainantIdentityRead): ComplainantReadsState => {
  if (event.type !== 'ComplainantIdentityRead') return state;
  const d = event.data;
  const known = state.readers.find((r) => r.readerId === d.readerId);
  const readers = known
    ? state.readers.map((r) => (r === known ? { ...r, readerRole: d.readerRole, lastReadAt: d.readAt, count: r.count + 1 } : r))
    : [...state.readers, { readerId: d.readerId, readerRole: d.readerRole, lastReadAt: d.readAt, count: 1 }];
  return { complaintId: d.complaintId, reads: state.reads + 1, readers };
};
