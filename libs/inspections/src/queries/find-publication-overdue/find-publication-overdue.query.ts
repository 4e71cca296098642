import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { chinaDate, jurisdictionPrefix, workingDaysBetween, type Actor } from '@regledger/shared';
import type { InspectionResultOutcome } from '../../domain/inspection/index.js';

/** A completed inspection whose result is unpublished past its due date, with its flags. */
export interface OverduePublication {
  inspectionId: string;
  uscc: string;
  enterpriseName: string | null;
  authority: string;
  outcome: InspectionResultOutcome;
  completedOn: string;
  publicationDueOn: string;
  /** Working days past the due date, today included (Enterprise Information Publicity Regulations art. 6); null beyond the official calendar. */
  workingDaysOverdue: number | null;
  /** Whether the scheduler has recorded `ResultPublicationOverdue`. */
  overdueRecorded: boolean;
  overdueRecordedOn: string | null;
}

export interface OverduePublicationsPage {
  items: OverduePublication[];
  total: number;
  limit: number;
  offset: number;
  /** YYYY-MM-DD (China date) the list was computed for. */
  asOf: string;
}

export class FindPublicationOverdueQuery extends Query<OverduePublicationsPage> {
  constructor(
    readonly criteria: { limit: number; offset: number },
    readonly actor: Actor,
    readonly now: Date,
  ) {
    super();
  }
}

/** Results unpublished after their due date, for the supervisors of the authority's jurisdiction (Enterprise Information Publicity Regulations art. 6). */
@QueryHandler(FindPublicationOverdueQuery)
export class FindPublicationOverdueHandler implements IQueryHandler<FindPublicationOverdueQuery, OverduePublicationsPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ criteria: c, actor, now }: FindPublicationOverdueQuery): Promise<OverduePublicationsPage> {
    const today = chinaDate(now.toISOString()) as string;
    const where: RawBuilder<unknown>[] = [sql`status = 'completed'`, sql`published_on is null`, sql`(publication_due_on < ${today}::date or overdue_recorded_on is not null)`];
    if (actor.role === 'supervisor') where.push(sql`authority like ${`${jurisdictionPrefix(actor.jurisdiction)}%`}`);
    const filter = sql.join(where, sql` and `);
    const total = await sql<{ n: string }>`select count(*)::text as n from inspections where ${filter}`.execute(this.db);
    const rows = await sql<{
      inspection_id: string;
      uscc: string;
      enterprise_name: string | null;
      authority: string;
      outcome: InspectionResultOutcome;
      completed_on: string;
      publication_due_on: string;
      overdue_recorded_on: string | null;
    }>`select inspection_id, uscc, enterprise_name, authority, outcome, to_char(completed_on, 'YYYY-MM-DD') as completed_on,
        to_char(publication_due_on, 'YYYY-MM-DD') as publication_due_on, to_char(overdue_recorded_on, 'YYYY-MM-DD') as overdue_recorded_on
      from inspections where ${filter} order by publication_due_on, inspection_id limit ${c.limit} offset ${c.offset}`.execute(this.db);
    return {
      items: rows.rows.map((r) => ({
        inspectionId: r.inspection_id,
        uscc: r.uscc,
        enterpriseName: r.enterprise_name,
        authority: r.authority,
        outcome: r.outcome,
        completedOn: r.completed_on,
        publicationDueOn: r.publication_due_on,
        workingDaysOverdue: overdueWorkingDays(r.publication_due_on, today),
        overdueRecorded: r.overdue_recorded_on !== null,
        overdueRecordedOn: r.overdue_recorded_on,
      })),
      total: Number(total.rows[0].n),
      limit: c.limit,
      offset: c.offset,
      asOf: today,
    };
  }
}

/** Working days in (due, today]; dates outside the official calendar give null rather than a guess (domain.md §9). */
const overdueWorkingDays = (due: string, today: string): number | null => {
  try {
    return Math.max(0, workingDaysBetween(due, today));
  } catch {
    return null;
  }
};
