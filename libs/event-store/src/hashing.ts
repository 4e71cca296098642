import { createHash } from 'node:crypto';
import { canonicalJson } from '@regledger/shared';
import type { EventMetadata } from './types.js';

export interface HashableEvent {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
  businessTime: Date | null;
  prevHash: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The event's own hash over a canonical encoding of everything it says, chained to its stream's previous event. */
export const eventHash = (e: HashableEvent): string =>
  sha256(
    canonicalJson({
      id: e.id,
      streamId: e.streamId,
      revision: e.revision.toString(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt.toISOString(),
      businessTime: e.businessTime ? e.businessTime.toISOString() : null,
      prevHash: e.prevHash,
    }),
  );
