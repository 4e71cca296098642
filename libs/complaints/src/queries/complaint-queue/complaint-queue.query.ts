import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { PersonalDataVault } from '@regledger/personal-data';
import { COMPLAINT_COLUMNS, overdueOn, readableBy, toComplaintViews, type ComplaintRow } from '../complaint.view.js';
import type { ComplaintListPage } from '../find-complaints/find-complaints.query.js';

export class ComplaintQueueQuery extends Query<ComplaintListPage> {
  constructor(
    readonly actor: Actor,
    readonly today: string,
    readonly page: { limit: number; offset: number; handlerId?: string },
  ) {
    super();
  }
}

/**
 * The handler's work queue: complaints and reports still open (received or accepted) in the actor's
 * jurisdiction, overdue ones first, then by the due date of their next deadline, those without one last.
 */
@QueryHandler(ComplaintQueueQuery)
export class ComplaintQueueHandler implements IQueryHandler<ComplaintQueueQuery, ComplaintListPage> {
  constructor(
    @Inject(READ_DB) private readonly db: AnyDb,
    @Inject(PersonalDataVault) private readonly personalData: PersonalDataVault,
  ) {}

  async execute({ actor, today, page }: ComplaintQueueQuery): Promise<ComplaintListPage> {
    const where: RawBuilder<unknown>[] = [sql`status in ('received', 'accepted')`, readableBy(actor)];
    if (page.handlerId) where.push(sql`handler_id = ${page.handlerId}`);
    const condition = sql.join(where, sql` and `);
    const [rows, count] = await Promise.all([
      sql<ComplaintRow>`select ${sql.raw(COMPLAINT_COLUMNS)} from complaints where ${condition}
        order by ${overdueOn(today)} desc, next_due_on asc nulls last, received_on, complaint_id limit ${page.limit} offset ${page.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from complaints where ${condition}`.execute(this.db),
    ]);
    return { items: await toComplaintViews(rows.rows, actor, today, this.personalData), total: Number(count.rows[0].n), limit: page.limit, offset: page.offset, today };
  }
}
