import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '@regledger/event-store';
import type { PersonalDataVault } from './vault.js';

/** The reads an auditor's view of the log needs. */
export type LogReader = Pick<EventStore, 'readStream' | 'readAll' | 'streamRevision' | 'headPosition'>;

/**
 * The log as a reader entitled to see personal data in some form (masked by the owning context) reads it:
 * every sealed envelope in an event's data opened with its key, or replaced by an erased or unavailable
 * marker. Raw reads (`raw: true`, verification and export) are passed through untouched, so hashes are
 * always computed over what the log stores.
 */
export const revealingReader = (store: LogReader, vault: PersonalDataVault): LogReader => {
  const reveal = async (events: RecordedEvent[]): Promise<RecordedEvent[]> => {
    const data = await vault.reveal(events.map((e) => e.data));
    return events.map((e, i) => (data[i] === e.data ? e : { ...e, data: data[i] }));
  };
  return {
    streamRevision: (streamId) => store.streamRevision(streamId),
    headPosition: (options) => store.headPosition(options),
    readStream: async (streamId: string, options?: ReadStreamOptions) => {
      const events = await store.readStream(streamId, options);
      return options?.raw ? events : reveal(events);
    },
    readAll: async (options?: ReadAllOptions) => {
      const events = await store.readAll(options);
      return options?.raw ? events : reveal(events);
    },
  };
};
