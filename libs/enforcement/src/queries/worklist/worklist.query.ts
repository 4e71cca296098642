import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { MATTER_ERROR_CODES } from '../../domain/index.js';
import { readableBy } from '../enforcement.view.js';

export interface WorklistItem {
  kind: 'matter' | 'case';
  id: string;
  uscc: string;
  jurisdiction: string;
  status: string;
  nextDeadline: { deadline: string; dueOn: string; overdue: boolean } | null;
}

export interface WorklistPage {
  items: WorklistItem[];
  total: number;
  limit: number;
  offset: number;
  today: string;
}

export class EnforcementWorklistQuery extends Query<WorklistPage> {
  constructor(
    readonly actor: Actor,
    readonly today: string,
    readonly page: { limit: number; offset: number },
  ) {
    super();
  }
}

/**
 * The supervisor's worklist: open matters and cases still running (leads, open cases, and decided penalties not
 * yet published) of its jurisdiction, with their next deadline; overdue first, then by due date.
 */
@QueryHandler(EnforcementWorklistQuery)
export class EnforcementWorklistHandler implements IQueryHandler<EnforcementWorklistQuery, WorklistPage> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ actor, today, page }: EnforcementWorklistQuery): Promise<WorklistPage> {
    const readable = readableBy(actor, MATTER_ERROR_CODES.FORBIDDEN);
    const union = sql`
      select 'matter' as kind, matter_id as id, uscc, jurisdiction, status, next_deadline, next_due_on from enforcement_matters where status = 'open' and ${readable}
      union all
      select 'case' as kind, case_id as id, uscc, jurisdiction, status, next_deadline, next_due_on from enforcement_cases where next_deadline is not null and ${readable}`;
    const [rows, count] = await Promise.all([
      sql<{ kind: 'matter' | 'case'; id: string; uscc: string; jurisdiction: string; status: string; next_deadline: string | null; next_due_on: string | null }>`
        select kind, id, uscc, jurisdiction, status, next_deadline, to_char(next_due_on, 'YYYY-MM-DD') as next_due_on from (${union}) w
        order by (next_due_on is not null and next_due_on < ${today}::date) desc, next_due_on asc nulls last, kind, id
        limit ${page.limit} offset ${page.offset}`.execute(this.db),
      sql<{ n: string }>`select count(*)::text as n from (${union}) w`.execute(this.db),
    ]);
    return {
      items: rows.rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        uscc: r.uscc,
        jurisdiction: r.jurisdiction,
        status: r.status,
        nextDeadline: r.next_deadline === null || r.next_due_on === null ? null : { deadline: r.next_deadline, dueOn: r.next_due_on, overdue: r.next_due_on < today },
      })),
      total: Number(count.rows[0].n),
      limit: page.limit,
      offset: page.offset,
      today,
    };
  }
}
