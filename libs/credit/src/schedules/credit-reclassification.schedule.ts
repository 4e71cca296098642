import type { CommandBus } from '@nestjs/cqrs';
import { sql } from 'kysely';
import type { AnyDb } from '@regledger/database';
import { systemMetadata } from '@regledger/read-models';
import { addDays, chinaDate } from '@regledger/shared';
import type { ScheduledTask } from '@regledger/engine';
import type { CreditPolicy } from '../domain/index.js';
import { reclassify } from '../commands/reclassify/reclassify.command.js';

const NAME = 'credit.daily-reclassification';

interface DueRow {
  uscc: string;
  /** What is due: `expiry:<date>` or `policy:<version>`; part of the idempotency key. */
  why: string;
}

/**
 * The class follows the calendar (docs/credit.md): every day, for each enterprise with an entry that stopped counting
 * in the last `reclassifyLookbackDays` (configured: CREDIT_RECLASSIFY_LOOKBACK_DAYS; under the policy in force today), and for every enterprise classed
 * under another version when a new version took effect in that window, one `Reclassify`. The decider
 * recomputes the class on the record and records `RiskClassChanged` only when it differs; the key (enterprise
 * and expiry date, or version) makes each reason send at most one command that records anything.
 */
export const creditReclassificationSchedule = (commandBus: CommandBus, db: AnyDb, policy: Pick<CreditPolicy, 'reclassifyLookbackDays'>, pageSize = 500): ScheduledTask => ({
  name: NAME,
  async run(now: Date) {
    const today = chinaDate(now.toISOString()) as string;
    const since = addDays(today, -policy.reclassifyLookbackDays);
    let sent = 0;
    let after = '';
    for (;;) {
      const due = await sql<DueRow>`
        with p as (
          select version, effective_from, content->'validityMonths' as validity from credit_scoring_policies
          where effective_from <= ${today}::date order by version desc limit 1
        ),
        expiries as (
          select distinct e.uscc, 'expiry:' || to_char((e.occurred_on + make_interval(months => (p.validity->>e.kind)::int))::date, 'YYYY-MM-DD') as why
          from credit_entries e cross join p
          where p.validity->>e.kind is not null and e.repaired_on is null
            and (e.occurred_on + make_interval(months => (p.validity->>e.kind)::int))::date <= ${today}::date
            and (e.occurred_on + make_interval(months => (p.validity->>e.kind)::int))::date > ${since}::date
        ),
        policy_changes as (
          select r.uscc, 'policy:' || p.version::text as why from credit_records r cross join p
          where p.effective_from > ${since}::date and r.policy_version is distinct from p.version
        ),
        due as (select * from expiries union select * from policy_changes)
        select uscc, why from due where uscc || '|' || why > ${after} order by uscc || '|' || why limit ${pageSize}`.execute(db);
      for (const r of due.rows) {
        await commandBus.execute(reclassify({ uscc: r.uscc }, systemMetadata(NAME, null, `reclassify:${r.uscc}:${r.why}`, now)));
        sent += 1;
      }
      if (due.rows.length < pageSize) return { commandsSent: sent };
      const last = due.rows[due.rows.length - 1];
      after = `${last.uscc}|${last.why}`;
    }
  },
});
