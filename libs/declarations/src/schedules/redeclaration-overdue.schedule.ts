import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { systemMetadata } from '@regledger/read-models';
import { chinaDate } from '@regledger/shared';
import type { ScheduledTask } from '@regledger/engine';
import { recordRedeclarationOverdue } from '../commands/record-redeclaration-overdue/record-redeclaration-overdue.command.js';


/**
 * Missing the re-declaration deadline after a rename is recorded as a fact (domain.md §3, design
 * choice): finds declarations still to be re-declared after their deadline and records each once.
 * The decider checks the deadline again, so a stale read model only costs a command that records nothing.
 */
export const redeclarationOverdueSchedule = (commandBus: CommandBus, db: AnyDb, pageSize = 500): ScheduledTask => ({
  name: 'declarations.redeclaration-overdue',
  async run(now: Date) {
    const today = chinaDate(now.toISOString()) as string;
    let sent = 0;
    let after = '';
    for (;;) {
      const due = await sql<{ declaration_id: string; uscc: string; deadline: string }>`
        select declaration_id, uscc, to_char(redeclare_deadline, 'YYYY-MM-DD') as deadline from declarations
        where status = 'to_be_redeclared' and not redeclaration_overdue and redeclare_deadline < ${today}::date and declaration_id > ${after}
        order by declaration_id limit ${pageSize}`.execute(db);
      for (const r of due.rows) {
        const key = `overdue:${r.declaration_id}:${r.deadline}`;
        await commandBus.execute(recordRedeclarationOverdue({ declarationId: r.declaration_id, uscc: r.uscc }, systemMetadata('declarations.redeclaration-overdue', null, key, now)));
        sent += 1;
      }
      if (due.rows.length < pageSize) return { commandsSent: sent };
      after = due.rows[due.rows.length - 1].declaration_id;
    }
  },
});
