import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { recordResultPublicationOverdue } from '../commands/record-result-publication-overdue/record-result-publication-overdue.command.js';

/**
 * An inspection result not published within 20 working days is recorded as overdue (Enterprise Information
 * Publicity Regulations art. 6): finds completed inspections unpublished after their due date and records each
 * once. The decider checks the deadline again, so a stale read model only costs a command that records nothing.
 */
export const resultPublicationOverdueSchedule = (commandBus: CommandBus, db: AnyDb, pageSize = 500): ScheduledTask =>
  dueRowsSchedule<{ inspection_id: string; due_on: string }>({
    name: 'inspections.result-publication-overdue',
    commandBus,
    pageSize,
    due: async (today, after, limit) =>
      (
        await sql<{ inspection_id: string; due_on: string }>`
          select inspection_id, to_char(publication_due_on, 'YYYY-MM-DD') as due_on from inspections
          where status = 'completed' and published_on is null and overdue_recorded_on is null and publication_due_on < ${today}::date and inspection_id > ${after}
          order by inspection_id limit ${limit}`.execute(db)
      ).rows,
    keyOf: (r) => r.inspection_id,
    idempotencyKeyOf: (r) => `publication-overdue:${r.inspection_id}:${r.due_on}`,
    commandFor: (r, metadata) => recordResultPublicationOverdue({ inspectionId: r.inspection_id }, metadata),
  });
