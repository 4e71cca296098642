import type { RecordedEvent } from '@regledger/event-store';
import type { CommandMetadata } from '@regledger/shared';

/** Who acts when the inspections context reacts on its own. */
export const inspectionSystemMetadata = (name: string, cause: RecordedEvent | null, idempotencyKey: string, now = new Date()): CommandMetadata => ({
  now: now.toISOString(),
  actor: { id: `system:${name}`, role: 'system', jurisdiction: '000000' },
  correlationId: cause?.metadata.correlationId ?? idempotencyKey,
  causationId: cause?.id,
  idempotencyKey,
  reason: cause ? `reaction to ${cause.type} ${cause.id}` : undefined,
});
