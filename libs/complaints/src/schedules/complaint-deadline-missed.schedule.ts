import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { systemMetadata } from '@regledger/read-models';
import { chinaDate } from '@regledger/shared';
import type { ScheduledTask } from '@regledger/engine';
import { deadlineMissKey, deadlinesOn, type ComplaintDeadlineKind } from '../domain/index.js';
import { DEADLINE_COLUMNS, deadlineFactsOfRow, type DeadlineColumns } from '../projections/complaints.projection.js';
import { recordComplaintDeadlineMissed } from '../commands/record-complaint-deadline-missed/record-complaint-deadline-missed.command.js';

const NAME = 'complaints.deadline-missed';

interface DueRow extends DeadlineColumns {
  complaint_id: string;
  missed: { deadline: ComplaintDeadlineKind; dueOn: string }[];
}

/**
 * A statutory deadline that passes unmet is recorded as a fact for audit (arts. 14, 21, 23, 31): finds
 * complaints whose earliest open deadline has passed, works out their open deadlines from the row's facts
 * with the rule the views use, and records every passed, not yet recorded one, once per complaint, deadline
 * kind and due date. The decider checks the deadline again, so a stale read model only costs a command
 * that records nothing.
 */
export const complaintDeadlineMissedSchedule = (commandBus: CommandBus, db: AnyDb, pageSize = 500): ScheduledTask => ({
  name: NAME,
  async run(now: Date) {
    const today = chinaDate(now.toISOString()) as string;
    let sent = 0;
    let after = '';
    for (;;) {
      const due = await sql<DueRow>`
        select complaint_id, missed, ${sql.raw(DEADLINE_COLUMNS)} from complaints
        where next_due_on < ${today}::date and complaint_id > ${after}
        order by complaint_id limit ${pageSize}`.execute(db);
      for (const r of due.rows) {
        const recorded = new Set(r.missed.map((m) => deadlineMissKey(r.complaint_id, m.deadline, m.dueOn)));
        for (const d of deadlinesOn(deadlineFactsOfRow(r), today)) {
          const missKey = deadlineMissKey(r.complaint_id, d.deadline, d.dueOn);
          if (!d.overdue || recorded.has(missKey)) continue;
          await commandBus.execute(recordComplaintDeadlineMissed({ complaintId: r.complaint_id, deadline: d.deadline, dueOn: d.dueOn }, systemMetadata(NAME, null, `missed:${missKey}`, now)));
          sent += 1;
        }
      }
      if (due.rows.length < pageSize) return { commandsSent: sent };
      after = due.rows[due.rows.length - 1].complaint_id;
    }
  },
});
