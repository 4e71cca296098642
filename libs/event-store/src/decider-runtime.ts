import { createHash } from 'node:crypto';
import { canonicalJson, type Command, type Decider, type DomainEvent } from '@regledger/shared';
import type { EventStore } from './event-store.port.js';
import { WrongExpectedVersionError } from './errors.js';
import type { EventMetadata, RecordedEvent } from './types.js';

export interface CommandResult {
  streamId: string;
  /** The stream's last revision after the command (the ETag). */
  revision: bigint;
  events: RecordedEvent[];
  /** True when the answer is the one given to an earlier request with the same idempotency key. */
  replayed: boolean;
}

export const envelopeMetadata = (command: Command): EventMetadata => ({
  actorId: command.metadata.actor.id,
  actorRole: command.metadata.actor.role,
  jurisdiction: command.metadata.actor.jurisdiction,
  correlationId: command.metadata.correlationId,
  causationId: command.metadata.causationId ?? null,
  idempotencyKey: command.metadata.idempotencyKey ?? null,
  reason: command.metadata.reason ?? null,
});

/** The idempotency key is scoped to the actor so two users can never collide on one. */
export const scopedIdempotencyKey = (command: Command): string | null =>
  command.metadata.idempotencyKey ? `${command.metadata.actor.id}:${command.metadata.idempotencyKey}` : null;

export const requestHash = (streamId: string, command: Command, fingerprint: unknown = command.data): string =>
  createHash('sha256').update(canonicalJson({ streamId, type: command.type, data: fingerprint })).digest('hex');

const idempotencyOf = (streamId: string, command: Command, fingerprint?: unknown): { key: string; requestHash: string } | undefined => {
  const key = scopedIdempotencyKey(command);
  return key ? { key, requestHash: requestHash(streamId, command, fingerprint ?? command.data) } : undefined;
};

/** How often a command not pinned to a revision is decided, when concurrent writers keep moving its stream. */
const UNPINNED_ATTEMPTS = 3;

/**
 * Loads a stream, folds it, decides, and appends with the revision it loaded: a concurrent writer makes
 * the append fail with WrongExpectedVersion instead of deciding on stale state. A command pinned to a
 * revision (If-Match) is then refused; one that is not is decided again on the new state.
 */
export class DeciderRuntime {
  constructor(private readonly store: EventStore) {}

  /**
   * The answer given earlier to the same request under the same idempotency key, or null. A handler that
   * refuses on state (e.g. "already done") asks this first, so a retry gets the first answer, not a refusal.
   */
  earlierResult(streamId: string, command: Command, fingerprint?: unknown): Promise<CommandResult | null> {
    return this.replayOf(streamId, idempotencyOf(streamId, command, fingerprint));
  }

  private async replayOf(streamId: string, idempotency: { key: string; requestHash: string } | undefined): Promise<CommandResult | null> {
    if (!idempotency) return null;
    const earlier = await this.store.findIdempotentResult(idempotency);
    return earlier ? { streamId, revision: earlier.nextExpectedRevision, events: earlier.events, replayed: true } : null;
  }

  async handle<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: {
      expectedRevision?: bigint | null;
      /** Checked on the state the command is decided on, before deciding (e.g. If-Match on one entity of the stream). */
      precondition?: (state: S) => void;
      /**
       * What identifies the request for idempotency, when the command's data also carries facts the
       * handler added (read from other streams, configuration) that may differ on a retry.
       */
      fingerprint?: unknown;
    } = {},
  ): Promise<CommandResult> {
    const idempotency = idempotencyOf(streamId, command, options.fingerprint);
    const earlier = await this.replayOf(streamId, idempotency);
    if (earlier) return earlier;
    // A command the caller did not pin to a revision is decided again on the new state when another writer (often a
    // policy reacting in the background) appended between the read and the append; a pinned one (If-Match) is refused.
    const pinned = options.expectedRevision !== undefined && options.expectedRevision !== null;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.decideAndAppend(decider, streamId, command, options, idempotency);
      } catch (e) {
        if (pinned || !(e instanceof WrongExpectedVersionError) || attempt >= UNPINNED_ATTEMPTS) throw e;
      }
    }
  }

  private async decideAndAppend<C extends Command, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    options: { expectedRevision?: bigint | null; precondition?: (state: S) => void },
    idempotency: { key: string; requestHash: string } | undefined,
  ): Promise<CommandResult> {
    const history = await this.store.readStream(streamId);
    const loaded = history.length ? history[history.length - 1].revision : null;
    if (options.expectedRevision !== undefined && options.expectedRevision !== null && options.expectedRevision !== loaded) {
      throw new WrongExpectedVersionError(streamId, options.expectedRevision, loaded ?? 'no_stream');
    }
    const state = history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
    options.precondition?.(state);
    const decided = decider.decide(command, state);
    if (!decided.length) return { streamId, revision: loaded ?? -1n, events: [], replayed: false };
    const metadata = envelopeMetadata(command);
    const result = await this.store.appendToStream(
      streamId,
      decided.map((e) => ({
        type: e.type,
        data: e.data,
        schemaVersion: e.metadata?.schemaVersion ?? 1,
        businessTime: e.metadata?.businessTime ?? null,
        metadata,
      })),
      { expectedRevision: loaded === null ? 'no_stream' : loaded, idempotency },
    );
    return { streamId, revision: result.nextExpectedRevision, events: result.events, replayed: result.idempotentReplay };
  }
}
