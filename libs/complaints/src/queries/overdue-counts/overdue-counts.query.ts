import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { Actor } from '@regledger/shared';
import type { AnyDb } from '@regledger/database';
import { READ_DB } from '@regledger/engine';
import { readsComplaintsEverywhere } from '../../domain/index.js';
import { overdueOn, readableBy } from '../complaint.view.js';

export interface OverdueCount {
  jurisdiction: string;
  /** Complaints and reports with a deadline still running. */
  open: number;
  /** Open items with at least one deadline passed. */
  overdue: number;
  /** Overdue items per kind of their earliest passed deadline. */
  byDeadline: Record<string, number>;
}

export interface OverdueCounts {
  today: string;
  scope: string;
  jurisdictions: OverdueCount[];
  total: { open: number; overdue: number };
}

export class OverdueCountsQuery extends Query<OverdueCounts> {
  constructor(
    readonly actor: Actor,
    readonly today: string,
  ) {
    super();
  }
}

/** Overdue complaints and reports per handling jurisdiction, inside the actor's jurisdiction, judged on today's China date. */
@QueryHandler(OverdueCountsQuery)
export class OverdueCountsHandler implements IQueryHandler<OverdueCountsQuery, OverdueCounts> {
  constructor(@Inject(READ_DB) private readonly db: AnyDb) {}

  async execute({ actor, today }: OverdueCountsQuery): Promise<OverdueCounts> {
    const scope = readsComplaintsEverywhere(actor) ? '000000' : actor.jurisdiction;
    const rows = await sql<{ jurisdiction: string; next_deadline: string | null; overdue: boolean; n: string }>`
      select jurisdiction, next_deadline, overdue, count(*)::text as n from (
        select jurisdiction, next_deadline, ${overdueOn(today)} as overdue from complaints
        where next_due_on is not null and ${readableBy(actor)}) as open_items
      group by jurisdiction, next_deadline, overdue order by jurisdiction`.execute(this.db);
    const byJurisdiction = new Map<string, OverdueCount>();
    for (const r of rows.rows) {
      const entry = byJurisdiction.get(r.jurisdiction) ?? { jurisdiction: r.jurisdiction, open: 0, overdue: 0, byDeadline: {} };
      const n = Number(r.n);
      entry.open += n;
      if (r.overdue) {
        entry.overdue += n;
        const kind = r.next_deadline ?? 'unknown';
        entry.byDeadline[kind] = (entry.byDeadline[kind] ?? 0) + n;
      }
      byJurisdiction.set(r.jurisdiction, entry);
    }
    const jurisdictions = [...byJurisdiction.values()];
    return {
      today,
      scope,
      jurisdictions,
      total: { open: jurisdictions.reduce((s, j) => s + j.open, 0), overdue: jurisdictions.reduce((s, j) => s + j.overdue, 0) },
    };
  }
}
