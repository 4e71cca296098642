import type { CommandBus, ICommand } from '@nestjs/cqrs';
import type { CommandMetadata } from '@regledger/shared';
import { chinaDate } from '@regledger/shared';
import { systemMetadata } from '@regledger/read-models';
import type { ScheduledTask } from './context-definition.js';

/** A schedule that sends one idempotent command for each read-model row due. */
export interface DueRowsSchedule<R> {
  /** The schedule's name: its system actor is `system:<name>`. */
  name: string;
  commandBus: CommandBus;
  /** Rows per page (default 500). */
  pageSize?: number;
  /** At most `limit` rows due on `today` (China date) whose key sorts after `after`, in key order. */
  due(today: string, after: string, limit: number): Promise<readonly R[]>;
  /** The row's key: unique, and the order `due` returns rows in. */
  keyOf(row: R): string;
  /** The idempotency key of the row's command: the same row, due for the same reason, sends the same key. */
  idempotencyKeyOf(row: R): string;
  /** The command for the row, under the schedule's metadata. */
  commandFor(row: R, metadata: CommandMetadata): ICommand;
}

/**
 * Pages through the rows due, keyset-paged on their key, and sends one command per row as the schedule's system actor.
 * The deciders check the deadline again, so a stale read model only costs a command that records nothing.
 */
export const dueRowsSchedule = <R>(spec: DueRowsSchedule<R>): ScheduledTask => ({
  name: spec.name,
  async run(now: Date) {
    const pageSize = spec.pageSize ?? 500;
    const today = chinaDate(now.toISOString()) as string;
    let sent = 0;
    let after = '';
    for (;;) {
      const rows = await spec.due(today, after, pageSize);
      for (const row of rows) {
        await spec.commandBus.execute(spec.commandFor(row, systemMetadata(spec.name, null, spec.idempotencyKeyOf(row), now)));
        sent += 1;
      }
      if (rows.length < pageSize) return { commandsSent: sent };
      after = spec.keyOf(rows[rows.length - 1]);
    }
  },
});
