import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { matterDeadlineMissKey, type MatterDeadlineKind } from '../domain/index.js';
import { matterStep } from '../commands/matter-command.handler.js';

interface DueMatter {
  matter_id: string;
  next_deadline: MatterDeadlineKind;
  next_due_on: string;
}

/**
 * A matter deadline that passes unmet is recorded once (SAMR Order 18 arts. 44–50; Standardization Law art. 38):
 * open matters whose earliest deadline has passed and is not yet recorded as missed. The decider checks again.
 */
export const matterDeadlineMissedSchedule = (commandBus: CommandBus, db: AnyDb): ScheduledTask =>
  dueRowsSchedule<DueMatter>({
    name: 'enforcement.matter-deadline-missed',
    commandBus,
    async due(today, after, limit) {
      const r = await sql<DueMatter>`
        select matter_id, next_deadline, to_char(next_due_on, 'YYYY-MM-DD') as next_due_on from enforcement_matters
        where status = 'open' and next_due_on < ${today}::date and matter_id > ${after}
          and not (state->'missed' @> jsonb_build_array(jsonb_build_object('deadline', next_deadline, 'dueOn', to_char(next_due_on, 'YYYY-MM-DD'))))
        order by matter_id limit ${limit}`.execute(db);
      return r.rows;
    },
    keyOf: (r) => r.matter_id,
    idempotencyKeyOf: (r) => `missed:${matterDeadlineMissKey(r.matter_id, r.next_deadline, r.next_due_on)}`,
    commandFor: (r, metadata) => matterStep('RecordMatterDeadlineMissed', { matterId: r.matter_id, deadline: r.next_deadline, dueOn: r.next_due_on }, metadata),
  });
