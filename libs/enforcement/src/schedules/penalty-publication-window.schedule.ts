import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { addDays } from '@regledger/shared';
import { caseCommand } from '../commands/case-command.handler.js';

interface DueEnd {
  case_id: string;
  shown_until: string;
}

/** A penalty shown for its whole window (3 months or 3 years, SAMR Order 45) stops being shown: `PenaltyPublicationEnded` (window_elapsed). */
export const penaltyPublicationWindowSchedule = (commandBus: CommandBus, db: AnyDb): ScheduledTask =>
  dueRowsSchedule<DueEnd>({
    name: 'enforcement.penalty-publication-window',
    commandBus,
    async due(today, after, limit) {
      const r = await sql<DueEnd>`
        select case_id, to_char(shown_until, 'YYYY-MM-DD') as shown_until from enforcement_cases
        where shown_until < ${today}::date and publication_ended_on is null and case_id > ${after}
        order by case_id limit ${limit}`.execute(db);
      return r.rows;
    },
    keyOf: (r) => r.case_id,
    idempotencyKeyOf: (r) => `publication-window:${r.case_id}:${r.shown_until}`,
    // The first day the penalty is no longer shown.
    commandFor: (r, metadata) => caseCommand('EndPenaltyPublication', { caseId: r.case_id, reason: 'window_elapsed', on: addDays(r.shown_until, 1) }, metadata),
  });
