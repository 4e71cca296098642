import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { dueRowsSchedule, type ScheduledTask } from '@regledger/engine';
import { recordRedeclarationOverdue } from '../commands/record-redeclaration-overdue/record-redeclaration-overdue.command.js';

/**
 * Missing the re-declaration deadline after a rename is recorded as a fact (domain.md §3, design
 * choice): finds declarations still to be re-declared after their deadline and records each once.
 * The decider checks the deadline again, so a stale read model only costs a command that records nothing.
 */
export const redeclarationOverdueSchedule = (commandBus: CommandBus, db: AnyDb, pageSize = 500): ScheduledTask =>
  dueRowsSchedule<{ declaration_id: string; uscc: string; deadline: string }>({
    name: 'declarations.redeclaration-overdue',
    commandBus,
    pageSize,
    due: async (today, after, limit) =>
      (
        await sql<{ declaration_id: string; uscc: string; deadline: string }>`
          select declaration_id, uscc, to_char(redeclare_deadline, 'YYYY-MM-DD') as deadline from declarations
          where status = 'to_be_redeclared' and not redeclaration_overdue and redeclare_deadline < ${today}::date and declaration_id > ${after}
          order by declaration_id limit ${limit}`.execute(db)
      ).rows,
    keyOf: (r) => r.declaration_id,
    idempotencyKeyOf: (r) => `overdue:${r.declaration_id}:${r.deadline}`,
    commandFor: (r, metadata) => recordRedeclarationOverdue({ declarationId: r.declaration_id, uscc: r.uscc }, metadata),
  });
