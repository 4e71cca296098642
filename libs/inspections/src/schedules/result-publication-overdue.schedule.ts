import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { systemMetadata } from '@regledger/read-models';
import { chinaDate } from '@regledger/shared';
import type { ScheduledTask } from '@regledger/engine';
import { recordResultPublicationOverdue } from '../commands/record-result-publication-overdue/record-result-publication-overdue.command.js';

/**
 * An inspection result not published within 20 working days is recorded as overdue (Enterprise Information
 * Publicity Regulations art. 6): finds completed inspections unpublished after their due date and records each
 * once. The decider checks the deadline again, so a stale read model only costs a command that records nothing.
 */
export const resultPublicationOverdueSchedule = (commandBus: CommandBus, db: AnyDb, pageSize = 500): ScheduledTask => ({
  name: 'inspections.result-publication-overdue',
  async run(now: Date) {
    const today = chinaDate(now.toISOString()) as string;
    let sent = 0;
    let after = '';
    for (;;) {
      const due = await sql<{ inspection_id: string; due_on: string }>`
        select inspection_id, to_char(publication_due_on, 'YYYY-MM-DD') as due_on from inspections
        where status = 'completed' and published_on is null and overdue_recorded_on is null and publication_due_on < ${today}::date and inspection_id > ${after}
        order by inspection_id limit ${pageSize}`.execute(db);
      for (const r of due.rows) {
        const key = `publication-overdue:${r.inspection_id}:${r.due_on}`;
        await commandBus.execute(recordResultPublicationOverdue({ inspectionId: r.inspection_id }, systemMetadata('inspections.result-publication-overdue', null, key, now)));
        sent += 1;
      }
      if (due.rows.length < pageSize) return { commandsSent: sent };
      after = due.rows[due.rows.length - 1].inspection_id;
    }
  },
});
