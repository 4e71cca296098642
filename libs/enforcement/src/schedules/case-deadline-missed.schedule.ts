import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { caseDeadlineMissKey, type CaseDeadlineKind } from '../domain/index.js';
import { caseCommand } from '../commands/case-command.handler.js';

interface DueCase {
  case_id: string;
  next_deadline: CaseDeadlineKind;
  next_due_on: string;
}

/**
 * A lead not verified in time (Penalty Procedure Provisions art. 18) or a case not decided in time
 * (Administrative Penalty Law art. 60) is recorded once per kind and due date. The decider checks again.
 */
export const caseDeadlineMissedSchedule = (commandBus: CommandBus, db: AnyDb): ScheduledTask =>
  dueRowsSchedule<DueCase>({
    name: 'enforcement.case-deadline-missed',
    commandBus,
    async due(today, after, limit) {
      const r = await sql<DueCase>`
        select case_id, next_deadline, to_char(next_due_on, 'YYYY-MM-DD') as next_due_on from enforcement_cases
        where next_deadline in ('verification', 'decision') and next_due_on < ${today}::date and case_id > ${after}
          and not (state->'missed' @> jsonb_build_array(jsonb_build_object('deadline', next_deadline, 'dueOn', to_char(next_due_on, 'YYYY-MM-DD'))))
        order by case_id limit ${limit}`.execute(db);
      return r.rows;
    },
    keyOf: (r) => r.case_id,
    idempotencyKeyOf: (r) => `missed:${caseDeadlineMissKey(r.case_id, r.next_deadline, r.next_due_on)}`,
    commandFor: (r, metadata) => caseCommand('RecordCaseDeadlineMissed', { caseId: r.case_id, deadline: r.next_deadline, dueOn: r.next_due_on }, metadata),
  });
