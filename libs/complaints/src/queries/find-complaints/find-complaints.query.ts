import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '@regledger/shared';
import { normaliseUscc } from '@regledger/enterprises/contracts';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { PersonalDataVault } from '@regledger/personal-data';
import { COMPLAINT_COLUMNS, overdueOn, readableBy, toComplaintViews, type ComplaintRow, type ComplaintView } from '../complaint.view.js';

export interface FindComplaintsCriteria {
  status?: string;
  kind?: string;
  uscc?: string;
  handlerId?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
}

export interface ComplaintListPage {
  items: ComplaintView[];
  total: number;
  limit: number;
  offset: number;
  /** The China date deadlines were judged on. */
  today: string;
}

export class FindComplaintsQuery extends Query<ComplaintListPage> {
  constructor(
    readonly criteria: FindComplaintsCriteria,
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** Complaints the reader may see, newest receipt first, with filters. */
@QueryHandler(FindComplaintsQuery)
export class FindComplaintsHandler implements IQueryHandler<FindComplaintsQuery, ComplaintListPage> {
  constructor(
    @Inject(READ_DB) private readonly db: AnyDb,
    @Inject(PersonalDataVault) private readonly personalData: PersonalDataVault,
  ) {}

  async execute({ criteria: c, actor, today }: FindComplaintsQuery): Promise<ComplaintListPage> {
    const where: RawBuilder<unknown>[] = [readableBy(actor)];
    if (c.status) where.push(sql`status = ${c.status}`);
    if (c.kind) where.push(sql`kind = ${c.kind}`);
    if (c.uscc) where.push(sql`uscc = ${normaliseUscc(c.uscc)}`);
    if (c.handlerId) where.push(sql`handler_id = ${c.handlerId}`);
    if (c.overdue !== undefined) where.push(c.overdue ? overdueOn(today) : sql`not ${overdueOn(today)}`);
    const condition = sql.join(where, sql` and `);
    const [rows, count] = await Promise.all([
      sql<ComplaintRow>`select ${sql.raw(COMPLAINT_COLUMNS)} from complaints where ${condition}
        order by received_on desc, received_at desc, complaint_id limit ${c.limit} offset ${c.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from complaints where ${condition}`.execute(this.db),
    ]);
    return { items: await toComplaintViews(rows.rows, actor, today, this.personalData), total: Number(count.rows[0].n), limit: c.limit, offset: c.offset, today };
  }
}
