import { NotFoundError } from '@regledger/shared';
import { AUDIT_ERROR_CODES } from './audit.errors.js';
import { auditEventOf, foldFor, toAuditJson, type AuditContexts, type AuditEvent, type AuditStore } from './audit-event.js';

export interface ReplayOptions {
  /** Only events recorded at or before this instant. */
  asOf?: Date;
  /** Only events up to this stream revision (0-based, inclusive). */
  position?: bigint;
}

export interface ReplayedEvent extends AuditEvent {
  /** The stream's state once this event is applied, as the owning context folds it (null when no fold is registered). */
  stateAfter: unknown;
}

/** A stream replayed event by event. */
export interface StreamReplay {
  streamId: string;
  /** The kind of stream, by the fold its context registered; null for a stream no context describes. */
  kind: { context: string; prefix: string; description: string } | null;
  asOf: string | null;
  position: string | null;
  /** The stream's last revision now, whatever the cut: later events exist when it exceeds the last one shown. */
  latestRevision: string;
  events: ReplayedEvent[];
  /** The state after the last event shown (the initial state when none is). */
  state: unknown;
}

/**
 * Replays one stream: each event with who, in which role, why, in which chain and when, and the state after
 * it, folded by the owning context's decider. `asOf` and `position` cut the stream (both may be given).
 * Cost: one read of the stream; the fold runs once per event shown over the events before it (quadratic in
 * the stream's length, which is small: one enterprise, complaint, case…). 404 for a stream without events.
 */
export async function replayStream(store: AuditStore, contexts: AuditContexts, streamId: string, options: ReplayOptions = {}): Promise<StreamReplay> {
  const latest = await store.streamRevision(streamId);
  if (latest === null) throw new NotFoundError(AUDIT_ERROR_CODES.STREAM_NOT_FOUND, `no stream ${streamId}: it has no events`, { streamId });
  const recorded = await store.readStream(streamId, {
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.position !== undefined ? { toRevision: options.position } : {}),
  });
  const resolved = foldFor(contexts, streamId);
  const foldable = recorded.map((e) => ({ type: e.type, data: e.data }));
  const stateAt = (n: number): unknown => (resolved ? toAuditJson(resolved.fold.fold(foldable.slice(0, n))) : null);
  return {
    streamId,
    kind: resolved ? { context: resolved.context, prefix: resolved.fold.prefix, description: resolved.fold.description } : null,
    asOf: options.asOf ? options.asOf.toISOString() : null,
    position: options.position !== undefined ? options.position.toString() : null,
    latestRevision: latest.toString(),
    events: recorded.map((e, i) => ({ ...auditEventOf(e, resolved), stateAfter: stateAt(i + 1) })),
    state: stateAt(recorded.length),
  };
}
