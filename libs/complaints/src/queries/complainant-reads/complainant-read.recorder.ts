import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@regledger/event-store';
import { EVENT_STORE } from '@regledger/engine';
import type { Actor } from '@regledger/shared';
import { complainantIdentityRead, complainantReadsStreamId } from '../../domain/index.js';

/** The request a read was served to: who, which route, when, and its correlation id. */
export interface ComplainantReadContext {
  actor: Actor;
  route: string;
  readAt: string;
  correlationId: string;
}

/**
 * Records every complainant identity a view is about to show unmasked (domain.md §6): one
 * `ComplainantIdentityRead` per complaint shown, appended to `complainant-reads-<complaintId>` with expected
 * revision `any`, before the view is served. Masked views record nothing. When the record cannot be written,
 * the read fails: the identity is never shown unrecorded.
 */
@Injectable()
export class ComplainantReadRecorder {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(views: readonly { complaintId: string; complainant: { masked: boolean } }[], ctx: ComplainantReadContext): Promise<number> {
    let recorded = 0;
    for (const view of views) {
      const read = complainantIdentityRead(view, ctx.actor, ctx.route, ctx.readAt);
      if (!read) continue;
      await this.store.appendToStream(
        complainantReadsStreamId(view.complaintId),
        [
          {
            type: read.type,
            data: read.data,
            metadata: {
              actorId: ctx.actor.id,
              actorRole: ctx.actor.role,
              jurisdiction: ctx.actor.jurisdiction,
              correlationId: ctx.correlationId,
              causationId: null,
              idempotencyKey: null,
              reason: `read through ${ctx.route}`,
            },
          },
        ],
        { expectedRevision: 'any' },
      );
      recorded += 1;
    }
    return recorded;
  }
}
