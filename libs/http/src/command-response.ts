import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { etag } from './command-metadata.js';

/** What a command answers: the stream, its new revision (also the ETag) and the events it recorded. */
export const commandResponse = (res: Response, result: CommandResult, extra: Record<string, unknown> = {}): Record<string, unknown> => {
  res.setHeader('ETag', etag(result.revision));
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return {
    ...extra,
    streamId: result.streamId,
    revision: result.revision.toString(),
    replayed: result.replayed,
    events: result.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision.toString(), globalPosition: e.globalPosition.toString() })),
  };
};

