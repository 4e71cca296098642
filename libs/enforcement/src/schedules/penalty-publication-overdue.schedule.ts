import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { caseCommand } from '../commands/case-command.handler.js';

interface DuePublication {
  case_id: string;
  publication_due_on: string;
}

/** A penalty not published within 20 working days of its decision (SAMR Order 45) is recorded as overdue, once. */
export const penaltyPublicationOverdueSchedule = (commandBus: CommandBus, db: AnyDb): ScheduledTask =>
  dueRowsSchedule<DuePublication>({
    name: 'enforcement.penalty-publication-overdue',
    commandBus,
    async due(today, after, limit) {
      const r = await sql<DuePublication>`
        select case_id, to_char(publication_due_on, 'YYYY-MM-DD') as publication_due_on from enforcement_cases
        where publication_due_on < ${today}::date and published_on is null and state->>'publicationOverdueOn' is null and case_id > ${after}
        order by case_id limit ${limit}`.execute(db);
      return r.rows;
    },
    keyOf: (r) => r.case_id,
    idempotencyKeyOf: (r) => `publication-overdue:${r.case_id}:${r.publication_due_on}`,
    commandFor: (r, metadata) => caseCommand('RecordPenaltyPublicationOverdue', { caseId: r.case_id, dueOn: r.publication_due_on }, metadata),
  });
